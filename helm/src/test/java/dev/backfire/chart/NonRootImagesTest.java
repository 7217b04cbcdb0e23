package dev.backfire.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every way an image of ours is built runs the service as the non-root user 185, the user the chart's
 * security contexts ask for: the Jib images of {@code -Pimages} and the Dockerfile of the compose setup.
 * (The chart's runAsNonRoot is checked in {@link ChartRenderTest}.)
 */
class NonRootImagesTest {
    private static final String USER = "185";
    private static final List<String> SERVICES = List.of("orchestrator-service", "agent-service", "scoring-service",
            "stats-service");

    @Test
    void jibImagesRunAsTheChartsUser() throws Exception {
        for (String service : SERVICES) {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(Chart.home().resolve(service).resolve("pom.xml").toFile());
            NodeList profiles = pom.getElementsByTagName("profile");
            String user = null;
            for (int i = 0; i < profiles.getLength(); i++) {
                Element profile = (Element) profiles.item(i);
                if ("images".equals(profile.getElementsByTagName("id").item(0).getTextContent().strip())) {
                    NodeList users = profile.getElementsByTagName("quarkus.jib.user");
                    user = users.getLength() == 0 ? null : users.item(0).getTextContent().strip();
                }
            }
            assertEquals(USER, user, service + ": the images profile must set quarkus.jib.user to " + USER);
        }
    }

    @Test
    void theDockerfileSwitchesToTheChartsUserBeforeItsEntrypoint() throws Exception {
        String dockerfile = Files.readString(Chart.home().resolve("docker").resolve("Dockerfile.jvm"));
        Matcher users = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        String last = null;
        while (users.find()) {
            last = users.group(1);
        }
        assertEquals(USER, last, "the last USER of Dockerfile.jvm");
        assertTrue(dockerfile.indexOf("USER " + USER) < dockerfile.indexOf("ENTRYPOINT"), "USER comes before ENTRYPOINT");
        Path ignore = Chart.home().resolve("docker").resolve("Dockerfile.jvm.dockerignore");
        assertTrue(Files.exists(ignore), "the build context is filtered");
    }
}
