package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteString;
import org.remotestruct.StructType;

/** Generated code of typed pointers, lists of them and char * strings, decoded and encoded without a process. */
class TypedPointerViewTest {

    @TempDir
    static Path dir;

    static StructType<Record> node;
    static StructType<Record> leaf;

    @BeforeAll
    static void compile() {
        Compiled c = Compiled.compile(dir, List.of(), JavaFileObjects.forSourceString("tree.Node", """
                package tree;
                import java.util.List;
                import org.remotestruct.RemotePointer;
                import org.remotestruct.RemoteString;
                import org.remotestruct.annotations.*;

                @RemoteStruct(name = "node")
                public record Node(
                        @Field(type = CType.INT32) int id,
                        @Field(type = CType.POINTER, to = Node.class, writable = true) RemotePointer<Node> next,
                        @Field(type = CType.POINTER, to = Node.class, length = 2) List<RemotePointer<Node>> kids,
                        @Field(type = CType.POINTER, to = Leaf.class) RemotePointer<Leaf> leaf,
                        @Field(type = CType.POINTER, to = String.class, maxLength = 24) RemoteString name,
                        @Field(type = CType.POINTER) long opaque) {
                }
                """), JavaFileObjects.forSourceString("tree.Leaf", """
                package tree;
                import org.remotestruct.annotations.*;

                @RemoteStruct(name = "leaf")
                public record Leaf(@Field(type = CType.DOUBLE) double weight) {
                }
                """));
        node = GeneratedViewTest.type("tree.NodeRemoteView", c);
        leaf = GeneratedViewTest.type("tree.LeafRemoteView", c);
    }

    private static ByteBuffer fixture() {
        ByteBuffer b = ByteBuffer.allocate(node.size()).order(ByteOrder.nativeOrder());
        b.putInt(0, 7).putLong(8, 0x1000).putLong(16, 0x2000).putLong(24, 0).putLong(32, 0x3000)
                .putLong(40, 0x4000).putLong(48, 0x5000);
        return b;
    }

    @Test
    void decodeTagsEachPointerWithItsPointeeTypeAndEncodeWritesTheAddressesBack() {
        Record n = node.decode(fixture(), 0);
        RemotePointer<?> next = (RemotePointer<?>) GeneratedViewTest.component(n, "next");
        assertEquals(0x1000, next.address());
        assertSame(node, next.type());
        List<?> kids = (List<?>) GeneratedViewTest.component(n, "kids");
        assertEquals(RemotePointer.of(0x2000, node), kids.get(0));
        assertTrue(((RemotePointer<?>) kids.get(1)).isNull());
        assertSame(leaf, ((RemotePointer<?>) GeneratedViewTest.component(n, "leaf")).type());
        RemoteString name = (RemoteString) GeneratedViewTest.component(n, "name");
        assertEquals(RemoteString.of(0x4000, 24, StandardCharsets.UTF_8), name);
        assertEquals(0x5000L, GeneratedViewTest.component(n, "opaque"), "an untyped pointer stays a long");
        ByteBuffer out = ByteBuffer.allocate(node.size()).order(ByteOrder.nativeOrder());
        node.encode(n, out, 0);
        assertArrayEquals(fixture().array(), out.array());
    }

    @Test
    void layoutNamesEachPointeeAndToolsSeeRawAddresses() {
        FieldLayout next = node.layout().field("next");
        assertEquals("node", next.pointee());
        assertTrue(next.isTypedPointer());
        assertEquals("leaf", node.layout().field("leaf").pointee());
        assertTrue(node.layout().field("name").isStringPointer());
        assertFalse(node.layout().field("name").isTypedPointer());
        assertEquals(null, node.layout().field("opaque").pointee());
        assertSame(leaf, node.pointee("leaf"));
        assertSame(node, node.pointee("kids"));
        Map<String, Object> map = node.decodeToMap(fixture(), 0);
        assertEquals(0x1000L, map.get("next"));
        assertArrayEquals(new long[] {0x2000, 0}, (long[]) map.get("kids"));
        assertEquals(0x4000L, map.get("name"));
    }
}
