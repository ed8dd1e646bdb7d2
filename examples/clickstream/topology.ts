// Clickstream enrichment: each click is left-joined with the user's profile (a table), then joined with the
// same user's searches that happened within one second of it, so every result says what the user searched for
// just before (or after) clicking.
import { JoinWindows, Serdes, StreamsBuilder, type Topology } from '@topograph/runtime';

export const CLICKS_TOPIC = 'clicks';
export const USERS_TOPIC = 'user-profiles';
export const SEARCHES_TOPIC = 'searches';
export const OUTPUT_TOPIC = 'clicks-after-search';
export const JOIN_WINDOW_MS = 1_000;

/** All topics are keyed by user id. */
export interface Click {
  readonly page: string;
}

export interface UserProfile {
  readonly name: string;
  readonly country: string;
}

export interface Search {
  readonly query: string;
}

export interface EnrichedClick {
  readonly page: string;
  /** Null when the user has no profile (yet): the left join keeps the click anyway. */
  readonly country: string | null;
}

export interface ClickAfterSearch {
  readonly user: string;
  readonly page: string;
  readonly country: string | null;
  readonly query: string;
}

const userKey = Serdes.string();

export function buildTopology(): Topology {
  const builder = new StreamsBuilder();
  const clicks = builder.stream<string, Click>(CLICKS_TOPIC, {
    keySerde: userKey,
    valueSerde: Serdes.json<Click>(),
  });
  const users = builder.table<string, UserProfile>(USERS_TOPIC, {
    keySerde: userKey,
    valueSerde: Serdes.json<UserProfile>(),
    storeName: 'user-profiles-store',
  });
  const searches = builder.stream<string, Search>(SEARCHES_TOPIC, {
    keySerde: userKey,
    valueSerde: Serdes.json<Search>(),
  });

  clicks
    .leftJoin(
      users,
      (click, profile): EnrichedClick => ({ page: click.page, country: profile?.country ?? null }),
      {
        name: 'with-profile',
      },
    )
    .join(
      searches,
      (click, search, user): ClickAfterSearch => ({
        user,
        page: click.page,
        country: click.country,
        query: search.query,
      }),
      JoinWindows.ofTimeDifferenceWithNoGrace(JOIN_WINDOW_MS),
      {
        name: 'with-search',
        valueSerde: Serdes.json<EnrichedClick>(),
        otherValueSerde: Serdes.json<Search>(),
      },
    )
    .to(OUTPUT_TOPIC, { keySerde: userKey, valueSerde: Serdes.json<ClickAfterSearch>() });
  return builder.build();
}
