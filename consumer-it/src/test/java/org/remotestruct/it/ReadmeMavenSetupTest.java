package org.remotestruct.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Maven setup" and the project the invoker builds from it cannot drift apart: every
 * XML and Java snippet of that section appears, line for line, in the project's {@code pom.xml} or
 * {@code module-info.java} (indentation aside; the project writes the version as
 * {@code @project.version@}, which the invoker fills in with the version being built).
 */
class ReadmeMavenSetupTest {

    private static final Path README = Path.of("../README.md");
    private static final Path PROJECT = Path.of("src/it/readme-user");
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyXmlSnippetOfTheMavenSetupIsInTheTestProjectsPom() throws IOException {
        List<String> xml = snippets("xml");
        assertEquals(2, xml.size(), "the Maven setup shows the dependency and the compiler plugin: " + xml);
        String pom = normalize(Files.readString(PROJECT.resolve("pom.xml"))
                .replace("@project.version@", System.getProperty("remotestruct.version")));
        for (String snippet : xml) {
            assertTrue(pom.contains(normalize(snippet)), "the README's snippet is not in " + PROJECT
                    + "/pom.xml as written:\n" + snippet);
        }
    }

    @Test
    void theModuleDeclarationOfTheMavenSetupIsTheTestProjectsOwn() throws IOException {
        List<String> java = snippets("java");
        assertEquals(1, java.size(), "the Maven setup shows one module-info.java: " + java);
        String moduleInfo = Files.readString(PROJECT.resolve("src/main/java/module-info.java"));
        assertEquals(normalize(moduleInfo), normalize(java.get(0)));
    }

    @Test
    void theInstallCommandIsTheOneThatInstallsEveryLibraryArtifact() throws IOException {
        String section = mavenSetup();
        assertTrue(section.contains("mvn -B -DskipTests install"), section);
        for (String artifact : List.of("remotestruct-runtime", "remotestruct-processor", "remotestruct-ipc")) {
            assertTrue(section.contains(artifact), "the Maven setup names " + artifact);
        }
    }

    /** The fenced blocks of the given language in the README's "### Maven setup" section. */
    private static List<String> snippets(String language) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = FENCE.matcher(mavenSetup());
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    private static String mavenSetup() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("### Maven setup");
        assertTrue(start >= 0, "README.md has a '### Maven setup' section");
        Matcher next = Pattern.compile("\n#{1,3} ").matcher(readme);
        int end = next.find(start + 1) ? next.start() : readme.length();
        return readme.substring(start, end);
    }

    /** Lines trimmed, blank lines dropped: indentation differs between the README and a POM. */
    private static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }
}
