package dev.backfire.analysis;

import java.util.ArrayList;
import java.util.List;

/** Collects the plain-language notes of one analysis (why a value is null, caveats). Not thread-safe. */
final class Notes {

    private final List<String> notes = new ArrayList<>();

    void add(String note) {
        notes.add(note);
    }

    List<String> toList() {
        return List.copyOf(notes);
    }
}
