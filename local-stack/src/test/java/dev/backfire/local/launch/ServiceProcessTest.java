package dev.backfire.local.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The service JVMs' options: the defaults, or the user's from the environment in their place. */
class ServiceProcessTest {

    @Test
    void unsetOrBlankKeepsTheDefaults() {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), ServiceProcess.jvmOptions(null));
        assertEquals(ServiceProcess.DEFAULT_JVM_OPTIONS, ServiceProcess.jvmOptions("  "));
    }

    @Test
    void theEnvironmentsOptionsReplaceTheDefaults() {
        assertEquals(List.of("-XX:+UseG1GC", "-Xss512k"), ServiceProcess.jvmOptions(" -XX:+UseG1GC \t -Xss512k "));
    }
}
