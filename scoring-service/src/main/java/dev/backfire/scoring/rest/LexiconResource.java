package dev.backfire.scoring.rest;

import dev.backfire.scorer.TextScorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The bundled lexicons, read-only: the terms per category that the scorer matches, so that a reader (the
 * web console's transcript viewer) can show which words were counted. The terms are listed as written;
 * the scorer matches them after the language's analysis (stemming, width folding, segmentation), so the
 * counts in each score are authoritative and a plain text search for these terms is an approximation.
 */
@Path("/lexicons")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class LexiconResource {
    static final String NOTE = "Terms as the lexicon file lists them. The scorer matches them after the language's "
            + "analysis (stemming, width folding, word segmentation); the hit counts in each message score are "
            + "authoritative, a substring search for these terms is an approximation.";

    /** One language's lexicon. */
    public record LexiconView(String language, String version, String analyzer, String scorerVersion,
                              Map<String, List<String>> categories, String note) {
    }

    /** A language with a lexicon and the lexicon's version. */
    public record LanguageView(String language, String version) {
    }

    private volatile TextScorer scorer;

    @GET
    public List<LanguageView> list() {
        TextScorer s = scorer();
        return s.languages().stream().map(l -> new LanguageView(l, s.lexiconVersion(l))).toList();
    }

    @GET
    @Path("/{language}")
    public LexiconView get(@PathParam("language") String language) {
        TextScorer s = scorer();
        if (!s.languages().contains(language)) {
            throw new NotFoundException("no lexicon for language '" + language + "'; known languages: "
                    + s.languages());
        }
        return new LexiconView(language, s.lexiconVersion(language), s.analyzerKind(language),
                TextScorer.SCORER_VERSION, s.terms(language), NOTE);
    }

    /** The same bundled lexicons the scoring processor loads, loaded on first use. */
    private TextScorer scorer() {
        TextScorer s = scorer;
        if (s == null) {
            synchronized (this) {
                s = scorer;
                if (s == null) {
                    s = TextScorer.loadBundled();
                    scorer = s;
                }
            }
        }
        return s;
    }
}
