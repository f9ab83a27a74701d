package org.tcpsim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool version, from the build (version.properties is filled in by Maven resource filtering). */
public final class Version {
    private static final Properties PROPERTIES = load();
    private static final String VERSION = PROPERTIES.getProperty("version", "dev");
    private static final String BUILD = PROPERTIES.getProperty("build", "dev");

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    /** Version and build time: a rebuilt simulator may behave differently, so finished runs are not reused across builds. */
    public static String build() {
        return VERSION + "+" + BUILD;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version information: "dev"
        }
        return p;
    }
}
