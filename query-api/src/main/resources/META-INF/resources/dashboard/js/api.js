// The REST API, as every page calls it: the API key from this browser tab's session only (sessionStorage: gone
// when the tab closes, never sent anywhere but as the Authorization header of our own origin).

const KEY = 'csms.api-key';

export const apiKey = () => sessionStorage.getItem(KEY);
export const signIn = key => sessionStorage.setItem(KEY, key);
export const signOut = () => sessionStorage.removeItem(KEY);

/** A refused call: the HTTP status and the problem+json the API answered. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API; answers its JSON (null for no body), or throws an ApiError. */
export async function call(method, path, body) {
  const headers = { Authorization: `Bearer ${apiKey()}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = path => call('GET', path);

/** A query string of the values that are set. */
export function query(parameters) {
  const set = Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return set.length ? `?${new URLSearchParams(set)}` : '';
}

/**
 * The items of a paged list (limit/offset/total), `name` being the list's field, from the first up to `max` of them
 * (200 a page), and how many the list holds.
 */
export async function pages(path, name, parameters = {}, max = Infinity) {
  const items = [];
  for (let offset = 0; ; offset += 200) {
    const page = await get(path + query({ ...parameters, limit: 200, offset }));
    items.push(...page[name]);
    if (page[name].length === 0 || items.length >= page.total || items.length >= max) {
      return { items, total: page.total };
    }
  }
}

/** Every item of a paged list. */
export async function all(path, name, parameters = {}) {
  return (await pages(path, name, parameters)).items;
}

/**
 * Reads a server-sent event stream with the Authorization header (which EventSource cannot send): calls onData
 * with each event's JSON, and onState with 'live' or 'reconnecting'; reconnects after a loss. Answers stop().
 */
export function stream(path, onData, onState) {
  const abort = new AbortController();
  (async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch(path, { headers: { Authorization: `Bearer ${apiKey()}`,
          Accept: 'text/event-stream' }, signal: abort.signal });
        if (!response.ok) throw new ApiError(response.status, null);
        onState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer.slice(0, end).split('\n').filter(line => line.startsWith('data:'))
              .map(line => line.slice(5).trimStart()).join('\n');
            buffer = buffer.slice(end + 2);
            if (data) onData(JSON.parse(data));
          }
        }
      } catch (error) {
        if (abort.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise(resume => setTimeout(resume, 2000));
    }
  })();
  return () => abort.abort();
}
