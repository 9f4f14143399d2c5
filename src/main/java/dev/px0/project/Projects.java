package dev.px0.project;

import dev.px0.auth.Callers;
import dev.px0.cache.NodeCaches;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpService;

/**
 * Projects, their members, API keys and audit log, and the routes under {@code /v1/projects} for them. What other
 * features use of it: {@link #requests()} (who calls a project route, and the one access check) and {@link #store()}
 * (a change audited in the project's log, in the change's own transaction).
 */
public final class Projects implements AutoCloseable {

    private final ProjectStore store;
    private final ApiKeys apiKeys;
    private final ProjectService projects;
    private final ProjectRequests requests;

    public Projects(DbClient db, Callers callers, NodeCaches caches) {
        this.store = new ProjectStore(db);
        this.apiKeys = new ApiKeys(new ApiKeyStore(db), store, caches);
        this.projects = new ProjectService(store);
        this.requests = new ProjectRequests(callers, apiKeys, projects);
    }

    /** What every {@code /v1/projects} route needs: the caller, the access check, the path's parameters. */
    public ProjectRequests requests() {
        return requests;
    }

    /** Projects, members and the audit log in PostgreSQL. */
    public ProjectStore store() {
        return store;
    }

    /** {@code /v1/projects}, {@code …/{project}}, its members, API keys and audit log (under {@code /v1/projects}). */
    public HttpService[] routes() {
        return new HttpService[] {new ProjectRoutes(requests, projects), new MemberRoutes(requests, projects),
                new ApiKeyRoutes(requests, apiKeys), new AuditRoutes(requests, projects)};
    }

    @Override
    public void close() {
        apiKeys.close();
    }
}
