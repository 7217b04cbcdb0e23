package dev.backfire.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes temporary folders the local stack made. */
public final class TempDirs {
    private TempDirs() {
    }

    /** Deletes a folder tree; a file that cannot be deleted is left for the OS to clean up. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: the folder is under the system temp dir
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
