package dev.backfire.orchestrator.rest;

import dev.backfire.orchestrator.service.StudyService;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.StudyEntity;
import dev.backfire.protocol.spec.InvalidSpecException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Submit studies and follow their progress. */
@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {
    private final StudyService studies;

    public StudyResource(StudyService studies) {
        this.studies = studies;
    }

    /** Submits a spec (YAML or JSON). 201 with the study's progress, or 400 naming every problem. */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON,
            MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public Response submit(byte[] spec) throws InvalidSpecException {
        StudyEntity study = studies.submit(spec);
        return Response.created(URI.create("/studies/" + study.id)).entity(StudyView.of(study)).build();
    }

    @GET
    public List<StudyView> list() {
        return StudyEntity.newestFirst().stream().map(StudyView::of).toList();
    }

    @GET
    @Path("/{id}")
    public StudyView get(@PathParam("id") String id) {
        return StudyView.of(find(id));
    }

    @GET
    @Path("/{id}/runs")
    public List<RunView> runs(@PathParam("id") String id) {
        find(id);
        return RunEntity.<RunEntity>list("studyId = ?1 order by ordinal", id).stream().map(RunView::of).toList();
    }

    /**
     * What the study's preregistration lock covers: the lock hash, the analysis plan, the scenario's template
     * version, the scorer and each language's lexicon version, and the hash of the spec as written.
     */
    @GET
    @Path("/{id}/lock")
    public Response lock(@PathParam("id") String id) {
        return Response.ok(find(id).lockManifestJson, MediaType.APPLICATION_JSON).build();
    }

    /** The study's deviations from its preregistered plan, oldest first, each stamped with the lock hash. */
    @GET
    @Path("/{id}/deviations")
    public List<DeviationView> deviations(@PathParam("id") String id) {
        find(id);
        return DeviationView.of(id);
    }

    private static StudyEntity find(String id) {
        StudyEntity study = StudyEntity.findById(id);
        if (study == null) {
            throw new NotFoundException("no study '" + id + "'");
        }
        return study;
    }
}
