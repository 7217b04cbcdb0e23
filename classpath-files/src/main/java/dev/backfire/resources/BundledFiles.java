package dev.backfire.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files directly under a classpath directory, read whole. The class loader cannot list a directory, so
 * each root that holds it is listed itself: a folder (tests, IDE) or a jar (packaged services, the CLI).
 */
public final class BundledFiles {

    private BundledFiles() {
    }

    /**
     * Reads every file named {@code *<suffix>} directly under {@code directory} on the class path.
     *
     * @return resource name ({@code directory/file}) to content, by name within each root; where two roots
     *     hold the same name, the first on the class path wins, as {@link ClassLoader#getResource} would
     * @throws UncheckedIOException when a root cannot be listed or read, or is neither a folder nor a jar;
     *     an empty map when no root holds the directory (callers say what is missing)
     */
    public static Map<String, byte[]> read(ClassLoader loader, String directory, String suffix) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            Set<String> seen = new LinkedHashSet<>();
            // a folder root answers to "dir/", some jars only to "dir": ask for both, read each root once
            for (String name : List.of(directory + "/", directory)) {
                Enumeration<URL> roots = loader.getResources(name);
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    if (seen.add(root.toString().replaceAll("/+$", ""))) {
                        collect(root, directory + "/", suffix, files);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath " + directory + "/", e);
        }
        return files;
    }

    private static void collect(URL root, String prefix, String suffix, Map<String, byte[]> files) throws IOException {
        if ("file".equals(root.getProtocol())) {
            Path folder;
            try {
                folder = Path.of(root.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad classpath URL " + root, e);
            }
            if (!Files.isDirectory(folder)) {
                return;
            }
            try (Stream<Path> list = Files.list(folder)) {
                for (Path file : list.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                    files.putIfAbsent(prefix + file.getFileName(), Files.readAllBytes(file));
                }
            }
            return;
        }
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jarConnection) {
            jarConnection.setUseCaches(false);
            try (JarFile jar = jarConnection.getJarFile()) {
                List<String> names = new ArrayList<>();
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(prefix) && name.endsWith(suffix) && name.indexOf('/', prefix.length()) < 0) {
                        names.add(name);
                    }
                }
                Collections.sort(names);
                for (String name : names) {
                    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                        files.putIfAbsent(name, in.readAllBytes());
                    }
                }
            }
            return;
        }
        throw new IOException("cannot list " + root + " (protocol " + root.getProtocol() + ")");
    }
}
