// REST access. The stats API is this page's own origin (the console is served by the stats service at
// /console/); the orchestrator and scoring APIs are other origins, named by /console/config.json.

/** The stats service's base URL: the parent of /console/. */
export const statsBase = new URL('../', document.baseURI).href.replace(/\/$/, '');

let configPromise = null;

/** {orchestratorUrl, scoringUrl} from the stats service (backfire.stats.console.*). */
export function config() {
  if (!configPromise) {
    configPromise = getJson(new URL('config.json', document.baseURI).href).catch((e) => {
      configPromise = null;
      throw e;
    });
  }
  return configPromise;
}

/** An HTTP error with the status, so callers can tell "not yet" (404) from a failure. */
export class HttpError extends Error {
  constructor(url, status, body) {
    super(`${status} from ${url}${body ? ': ' + body.slice(0, 300) : ''}`);
    this.status = status;
  }
}

export async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new Error(`cannot reach ${url} (${e.message}); is the service running, and does it allow this `
      + `origin (${location.origin}) in quarkus.http.cors.origins?`);
  }
  if (!response.ok) {
    throw new HttpError(url, response.status, await response.text().catch(() => ''));
  }
  return response.json();
}

/** Like getJson, but null on 404. */
export async function getJsonOrNull(url) {
  try {
    return await getJson(url);
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) {
      return null;
    }
    throw e;
  }
}

const enc = encodeURIComponent;

export const orchestrator = {
  studies: async () => getJson(`${(await config()).orchestratorUrl}/studies`),
  study: async (id) => getJson(`${(await config()).orchestratorUrl}/studies/${enc(id)}`),
  runs: async (id) => getJson(`${(await config()).orchestratorUrl}/studies/${enc(id)}/runs`),
  transcript: async (runId) => getJson(`${(await config()).orchestratorUrl}/runs/${enc(runId)}/transcript`),
};

export const stats = {
  studies: () => getJson(`${statsBase}/studies`),
  study: (id) => getJsonOrNull(`${statsBase}/studies/${enc(id)}`),
  results: (id) => getJsonOrNull(`${statsBase}/studies/${enc(id)}/results`),
  scores: (runId) => getJson(`${statsBase}/runs/${enc(runId)}/scores`),
};

export const scoring = {
  lexicon: async (language) => getJson(`${(await config()).scoringUrl}/lexicons/${enc(language)}`),
};
