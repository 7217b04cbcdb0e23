package dev.backfire.stats.rest;

import dev.backfire.stats.config.StatsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The web console's configuration. The console itself is static files under
 * {@code META-INF/resources/console/}; it reads the stats API from this same origin and the orchestrator
 * and scoring APIs from the URLs given here ({@code backfire.stats.console.*}).
 */
@Path("/console")
public class ConsoleConfigResource {
    /** Base URLs of the other services' REST APIs, as the browser reaches them. */
    public record ConsoleConfig(String orchestratorUrl, String scoringUrl) {
    }

    private final StatsConfig config;

    public ConsoleConfigResource(StatsConfig config) {
        this.config = config;
    }

    @GET
    @Path("/config.json")
    @Produces(MediaType.APPLICATION_JSON)
    public ConsoleConfig config() {
        return new ConsoleConfig(trimSlash(config.console().orchestratorUrl()),
                trimSlash(config.console().scoringUrl()));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
