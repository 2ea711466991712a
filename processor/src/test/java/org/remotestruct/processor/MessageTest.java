package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> ids = new HashSet<>();
        for (Message m : Message.values()) {
            assertTrue(m.id().matches("RS[01][0-9][0-9]"), m.id());
            assertTrue(ids.add(m.id()), "duplicate " + m.id());
        }
    }

    @Test
    void everyIdIsDocumentedInErrorsMd() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "errors.md"));
        for (Message m : Message.values()) {
            assertTrue(doc.contains("## " + m.id() + " "), m.id() + " has no section in docs/errors.md");
        }
        long sections = doc.lines().filter(l -> l.startsWith("## RS")).count();
        assertEquals(Message.values().length, sections, "docs/errors.md documents IDs the processor lacks");
    }

    @Test
    void formattedMessageStartsWithIdAndEndsWithAFix() {
        String text = Message.OVERLAP.format("name", 8, 16, "hp", 0, 4);
        assertEquals("[RS104] field 'name' (offset 8, 16 bytes) overlaps 'hp' (offset 0, 4 bytes). Fix: check both"
                + " offsets against offsetof() in the C struct; fields may not share bytes", text);
        assertTrue(Arrays.stream(Message.values()).allMatch(m -> !m.format(new Object[8]).endsWith("Fix: ")));
    }
}
