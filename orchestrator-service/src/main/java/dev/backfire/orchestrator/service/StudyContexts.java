package dev.backfire.orchestrator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.contracts.StudyContext;
import dev.backfire.orchestrator.store.StudyEntity;
import java.util.Map;
import java.util.TreeMap;

/** Maps a stored study to the context carried on its run events. */
final class StudyContexts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StudyContexts() {
    }

    static StudyContext of(StudyEntity study) {
        return new StudyContext(study.name, study.languageList(), study.runCount, pdi(study), study.lockHash);
    }

    static String pdiJson(Map<String, Double> pdi) {
        return json(pdi);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Model names per agent slot of a stored study. */
    static Map<Integer, String> modelSlots(StudyEntity study) {
        if (study.modelSlotsJson == null || study.modelSlotsJson.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(study.modelSlotsJson, new TypeReference<Map<Integer, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored model slots of " + study.id + " are unreadable", e);
        }
    }

    /** The synthetic model's parameters a stored study sets, sorted by name; empty when it sets none. */
    static Map<String, Double> syntheticParameters(StudyEntity study) {
        if (study.syntheticParametersJson == null || study.syntheticParametersJson.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(study.syntheticParametersJson, new TypeReference<TreeMap<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored synthetic model parameters of " + study.id + " are unreadable", e);
        }
    }

    private static Map<String, Double> pdi(StudyEntity study) {
        if (study.pdiOverridesJson == null || study.pdiOverridesJson.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(study.pdiOverridesJson, new TypeReference<Map<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored PDI overrides of " + study.id + " are unreadable", e);
        }
    }
}
