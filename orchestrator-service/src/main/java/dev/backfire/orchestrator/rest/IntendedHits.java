package dev.backfire.orchestrator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The synthetic model's intended hits of a stored message, as the transcript API and the export show them:
 * its ground truth of what it meant to say, so the scorer can be checked against a finished study.
 */
final class IntendedHits {
    /** The field name in transcripts and exports; it says whose ground truth this is. */
    static final String FIELD = "syntheticIntendedHits";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IntendedHits() {
    }

    /** Category to count, sorted; null for a message of a real model. */
    static Map<String, Integer> of(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored intended hits are unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
