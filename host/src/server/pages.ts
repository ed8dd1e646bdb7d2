/**
 * The few HTML pages the server writes itself. None ever contains the token: the 401 page is what anyone
 * gets, and the browser-open file (which does hold it) is written to the user's private state folder only.
 */

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a request without the session cookie or the launch token gets. */
export function unauthorizedPage(origin: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Topograph: sign in through the terminal's link</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>Open Topograph through the link in the terminal</h1>
<p>This designer runs programs as the user who started it, so it answers only a browser that opened the
link <code>npm start</code> printed in its terminal:</p>
<p><code>${escape(origin)}/?token=…</code></p>
<p>Copy that whole link into this browser's address bar. Each start of the designer prints a new one; links and
sign-ins of earlier starts no longer work.</p>
</body>
</html>
`;
}

/**
 * A local file that forwards to the sign-in link, so the browser can be opened on it without putting the
 * token on a command line (every local user can read other processes' command lines).
 */
export function browserOpenPage(signInUrl: string): string {
  return forwardPage(signInUrl);
}

/** A page that moves on to `url` at once (a same-page link as the fallback). */
export function forwardPage(url: string): string {
  const href = escape(url);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Topograph</title></head>
<body><p>Opening Topograph… If nothing happens, <a href="${href}">open the designer</a>.</p></body>
</html>
`;
}
