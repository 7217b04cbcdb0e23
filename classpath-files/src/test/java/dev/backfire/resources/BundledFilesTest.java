package dev.backfire.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of a classpath directory from a folder root and a jar root, the folder first on the class path. */
class BundledFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheDirectorysFilesFromFoldersAndJarsFirstRootWinning() throws Exception {
        Path folder = tmp.resolve("classes");
        Files.createDirectories(folder.resolve("banks/sub"));
        Files.writeString(folder.resolve("banks/en.yaml"), "folder en");
        Files.writeString(folder.resolve("banks/notes.txt"), "not a bank");
        Files.writeString(folder.resolve("banks/sub/xx.yaml"), "nested, not read");
        Path jar = tmp.resolve("banks.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "banks/", null);
            entry(out, "banks/ja.yaml", "jar ja");
            entry(out, "banks/en.yaml", "jar en");
            entry(out, "banks/sub/yy.yaml", "nested, not read");
            entry(out, "other/fr.yaml", "another directory");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL(), jar.toUri().toURL()}, null)) {
            Map<String, byte[]> files = BundledFiles.read(loader, "banks", ".yaml");
            assertEquals(List.of("banks/en.yaml", "banks/ja.yaml"), List.copyOf(files.keySet()));
            assertEquals("folder en", new String(files.get("banks/en.yaml"), StandardCharsets.UTF_8));
            assertEquals("jar ja", new String(files.get("banks/ja.yaml"), StandardCharsets.UTF_8));
            assertTrue(BundledFiles.read(loader, "missing", ".yaml").isEmpty());
        }
    }

    private static void entry(JarOutputStream out, String name, String content) throws Exception {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            OutputStream body = out;
            body.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
