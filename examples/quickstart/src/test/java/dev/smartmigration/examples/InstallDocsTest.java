package dev.smartmigration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Install section names the version this build will release and the store client versions it is
 * tested with: each occurrence must agree with the build (the POM passes its versions in as system properties).
 */
class InstallDocsTest {

    private static final String README = "README.md";

    @Test
    void installSection_namesTheVersionThisBuildReleases() throws IOException {
        String release = System.getProperty("smartmigration.version").replace("-SNAPSHOT", "");
        String install = installSection();

        assertAll(install, "<smartmigration.version>([^<]+)</smartmigration.version>", release);
        assertAll(install, "dev\\.smartmigration:smartmigration-bom:([^\"]+)\"", release);
    }

    @Test
    void installSection_namesTheStoreClientVersionsTheBuildTests() throws IOException {
        String install = installSection();

        assertAll(install, "<artifactId>mongodb-driver-sync</artifactId>\\s*<version>([^<]+)</version>",
                System.getProperty("mongodb.version"));
        assertAll(install, "org\\.mongodb:mongodb-driver-sync:([^\"]+)\"", System.getProperty("mongodb.version"));
        assertAll(install, "<artifactId>s3</artifactId>\\s*<version>([^<]+)</version>",
                System.getProperty("awssdk.version"));
        assertAll(install, "software\\.amazon\\.awssdk:s3:([^\"]+)\"", System.getProperty("awssdk.version"));
    }

    private static String installSection() throws IOException {
        String readme = Files.readString(DocSnippetsTest.repositoryRoot().resolve(README));
        int start = readme.indexOf("\n## Install\n");
        assertFalse(start < 0, README + " has no \"## Install\" section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** Every match of {@code regex} in {@code text} (at least one) has {@code expected} as its first group. */
    private static void assertAll(String text, String regex, String expected) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        assertFalse(found.isEmpty(), README + "'s Install section has nothing matching " + regex);
        found.forEach(v -> assertEquals(expected, v, README + "'s Install section: " + regex));
    }
}
