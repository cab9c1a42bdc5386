// How the live page reads a MicroProfile Health answer; a module of its own so that LivePageIT can call it.

/**
 * {status, detail} of a MicroProfile Health answer; DOWN answers 503 with the same JSON body. Health is the
 * server's, at its root whatever the application's context root (the stats are the application's, relative);
 * WildFly answers it on its management port only, so here it is 404, which is not DOWN.
 */
export async function healthOf(url, response) {
    if (response.status === 404) {
        return { status: 'ELSEWHERE', detail: `${url} is not served on this port (WildFly: on its management port, 9990)` };
    }
    const body = await response.json().catch(() => null);
    if (!body) return { status: response.ok ? 'UNKNOWN' : 'DOWN', detail: `HTTP ${response.status}` };
    const checks = (body.checks ?? []).map(check => {
        const data = Object.entries(check.data ?? {}).map(([key, value]) => `${key} ${value}`).join(', ');
        return `${check.name} ${check.status}${data ? ` (${data})` : ''}`;
    });
    return { status: body.status, detail: checks.join('; ') };
}
