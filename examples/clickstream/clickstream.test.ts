import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Serdes, TopologyTestDriver, type TestInputTopic, type TestOutputTopic } from '@topograph/runtime';
import {
  buildTopology,
  CLICKS_TOPIC,
  OUTPUT_TOPIC,
  SEARCHES_TOPIC,
  USERS_TOPIC,
  type Click,
  type ClickAfterSearch,
  type Search,
  type UserProfile,
} from './topology.js';

describe('clickstream example', () => {
  let driver: TopologyTestDriver;
  let clicks: TestInputTopic<string, Click>;
  let users: TestInputTopic<string, UserProfile>;
  let searches: TestInputTopic<string, Search>;
  let output: TestOutputTopic<string, ClickAfterSearch>;

  beforeEach(() => {
    driver = new TopologyTestDriver(buildTopology());
    const key = Serdes.string();
    clicks = driver.createInputTopic(CLICKS_TOPIC, { keySerde: key, valueSerde: Serdes.json<Click>() });
    users = driver.createInputTopic(USERS_TOPIC, { keySerde: key, valueSerde: Serdes.json<UserProfile>() });
    searches = driver.createInputTopic(SEARCHES_TOPIC, { keySerde: key, valueSerde: Serdes.json<Search>() });
    output = driver.createOutputTopic(OUTPUT_TOPIC, {
      keySerde: key,
      valueSerde: Serdes.json<ClickAfterSearch>(),
    });
  });

  afterEach(() => driver.close());

  it('joins a click with the profile and a search by the same user within one second', () => {
    users.pipeInput('ada', { name: 'Ada', country: 'UK' }, 0);
    searches.pipeInput('ada', { query: 'kafka streams' }, 10_000);
    clicks.pipeInput('ada', { page: '/docs/streams' }, 10_400);
    const [result] = output.readRecordsToList();
    expect(result).toMatchObject({
      key: 'ada',
      value: { user: 'ada', page: '/docs/streams', country: 'UK', query: 'kafka streams' },
      timestamp: 10_400, // the later of the two records, as in Kafka
    });
    expect(output.isEmpty()).toBe(true);
  });

  it('keeps clicks of users without a profile (left join), with a null country', () => {
    clicks.pipeInput('lin', { page: '/pricing' }, 5_000);
    searches.pipeInput('lin', { query: 'price' }, 5_900); // the search comes after the click: joins too
    expect(output.readValuesToList()).toEqual([
      { user: 'lin', page: '/pricing', country: null, query: 'price' },
    ]);
  });

  it('does not join searches more than one second away, or by another user', () => {
    users.pipeInput('ada', { name: 'Ada', country: 'UK' }, 0);
    searches.pipeInput('ada', { query: 'too early' }, 1_000);
    searches.pipeInput('lin', { query: 'someone else' }, 2_000);
    clicks.pipeInput('ada', { page: '/home' }, 2_001);
    expect(output.isEmpty()).toBe(true);
  });

  it('uses the profile as it was when the click happened', () => {
    users.pipeInput('ada', { name: 'Ada', country: 'UK' }, 0);
    clicks.pipeInput('ada', { page: '/a' }, 1_000);
    users.pipeInput('ada', { name: 'Ada', country: 'FR' }, 1_100);
    clicks.pipeInput('ada', { page: '/b' }, 1_200);
    searches.pipeInput('ada', { query: 'q' }, 1_300);
    expect(output.readValuesToList().map((v) => `${v?.page} ${v?.country}`)).toEqual(['/a UK', '/b FR']);
  });
});
