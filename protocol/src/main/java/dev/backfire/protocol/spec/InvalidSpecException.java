package dev.backfire.protocol.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be run; lists every problem found, each with its line and field. */
public class InvalidSpecException extends Exception {
    private final List<SpecError> errors;

    public InvalidSpecException(List<SpecError> errors) {
        super(errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
