package dev.backfire.orchestrator.rest;

import dev.backfire.protocol.spec.InvalidSpecException;
import dev.backfire.protocol.spec.SpecError;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refusals into JSON bodies that say exactly what is wrong. */
public class ErrorMappers {

    /** The body of every 4xx answer. */
    public record Problem(int status, String error, List<SpecError> errors) {
    }

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(400, "invalid study spec: " + e.getMessage(), e.errors())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(404, e.getMessage(), List.of())).build();
    }
}
