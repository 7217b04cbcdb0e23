package dev.backfire.agent.model;

import java.util.Set;

/** A turn request names a model this agent does not offer. Retrying cannot help. */
public class UnknownModelException extends RuntimeException {
    public UnknownModelException(String model, Set<String> known) {
        super("model '" + model + "' is not configured in this agent (configured: " + known + ")");
    }
}
