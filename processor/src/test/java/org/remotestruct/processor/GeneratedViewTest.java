package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.LayoutFingerprint;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructType;
import org.remotestruct.ViewType;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.ProcessVm;

/** Compiles records covering every C type and uses the generated views on real buffers. */
class GeneratedViewTest {

    @TempDir
    static Path dir;

    static Compiled compiled;
    static StructType<Record> everything;
    static StructType<Record> player;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(dir, List.of(), Sources.vec3(), Sources.player(), Sources.everything());
        everything = type("game.EverythingRemoteView");
        player = type("game.PlayerRemoteView");
    }

    static StructType<Record> type(String view) {
        return type(view, compiled);
    }

    @SuppressWarnings("unchecked")
    static StructType<Record> type(String view, Compiled from) {
        try {
            return (StructType<Record>) from.load(view).getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** Every field of {@code everything} set by hand to an edge value, padding bytes 0x55. */
    static ByteBuffer everythingFixture() {
        ByteBuffer b = buffer(256);
        Arrays.fill(b.array(), (byte) 0x55);
        b.put(0, (byte) -5).put(1, (byte) 0xff).putShort(2, (short) -2).putShort(4, (short) 0xffff);
        b.put(6, (byte) 200).put(7, (byte) 7).putInt(8, Integer.MIN_VALUE).putInt(12, 0x8000_0001);
        b.putLong(16, -1L).putLong(24, 0xffff_ffff_ffff_fffeL).putFloat(32, Float.NaN);
        b.put(36, "abcd".getBytes(StandardCharsets.US_ASCII)).putDouble(40, -0.0).putLong(48, 0x7fff_1234_5678L);
        b.put(56, new byte[] {(byte) 0xe9, 'x', 0, 0, 0, 0, 0, 0});
        b.put(64, new byte[] {1, 0, 2, 0, 0, 0, 0, (byte) 0xff});
        b.put(72, new byte[] {-1, 2, -3, 4, (byte) 0xff, 1, (byte) 0x80, 0});
        b.putShort(80, (short) -300).putShort(82, (short) 300).putShort(84, (short) 0xffff).putShort(86, (short) 1);
        b.putInt(88, -7).putInt(92, 7).putInt(96, -1).putInt(100, 0);
        b.putLong(104, Long.MIN_VALUE).putLong(112, Long.MAX_VALUE).putLong(120, -1L).putLong(128, 1L);
        b.putFloat(136, Float.MIN_VALUE).putFloat(140, -0.0f).putDouble(144, Double.NaN).putDouble(152, Double.MAX_VALUE);
        b.put(160, new byte[] {0, 1, 9});
        b.putLong(168, 0).putLong(176, 0xdead_beefL);
        for (int i = 0; i < 12; i++) {
            b.putFloat(184 + 4 * i, i + 1);
        }
        b.putFloat(220, -1).putFloat(224, -2).putFloat(228, -3);
        return b;
    }

    static Object component(Record r, String name) {
        try {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getName().equals(name)) {
                    return c.getAccessor().invoke(r);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no component " + name);
    }

    /** A copy of {@code r} with some components replaced, through the canonical constructor. */
    static Record with(Record r, Map<String, Object> changes) {
        try {
            RecordComponent[] components = r.getClass().getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                values[i] = changes.containsKey(name) ? changes.get(name) : components[i].getAccessor().invoke(r);
            }
            return (Record) r.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void decodeReadsEdgeValuesOfEveryCType() {
        Record r = everything.decode(everythingFixture(), 0);
        assertEquals((byte) -5, component(r, "i8"));
        assertEquals((short) 255, component(r, "u8s"));
        assertEquals((short) -2, component(r, "i16"));
        assertEquals(65535, component(r, "u16"));
        assertEquals(200, component(r, "u8i"));
        assertEquals(true, component(r, "flag"), "bool byte 7 reads as true");
        assertEquals(Integer.MIN_VALUE, component(r, "i32"));
        assertEquals(0x8000_0001L, component(r, "u32"), "uint32 >= 2^31 stays positive");
        assertEquals(-1L, component(r, "i64"));
        assertEquals("18446744073709551614", Long.toUnsignedString((long) component(r, "u64")));
        assertTrue(Float.isNaN((float) component(r, "f32")));
        assertEquals("abcd", component(r, "tag"), "char[4] without NUL uses all 4 bytes");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((double) component(r, "f64")));
        assertEquals(0x7fff_1234_5678L, component(r, "ptr"));
        assertEquals("éx", component(r, "latin"), "charset from @Field is used");
        assertArrayEquals(new byte[] {1, 0, 2, 0, 0, 0, 0, (byte) 0xff}, (byte[]) component(r, "raw"));
        assertArrayEquals(new byte[] {-1, 2, -3, 4}, (byte[]) component(r, "i8s"));
        assertArrayEquals(new short[] {255, 1}, (short[]) component(r, "u8ss"));
        assertArrayEquals(new int[] {128, 0}, (int[]) component(r, "u8is"));
        assertArrayEquals(new short[] {-300, 300}, (short[]) component(r, "i16s"));
        assertArrayEquals(new int[] {65535, 1}, (int[]) component(r, "u16s"));
        assertArrayEquals(new int[] {-7, 7}, (int[]) component(r, "i32s"));
        assertArrayEquals(new long[] {0xffff_ffffL, 0}, (long[]) component(r, "u32s"));
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, (long[]) component(r, "i64s"));
        assertArrayEquals(new long[] {-1L, 1L}, (long[]) component(r, "u64s"));
        assertArrayEquals(new float[] {Float.MIN_VALUE, -0.0f}, (float[]) component(r, "f32s"));
        assertArrayEquals(new double[] {Double.NaN, Double.MAX_VALUE}, (double[]) component(r, "f64s"));
        assertArrayEquals(new boolean[] {false, true, true}, (boolean[]) component(r, "flags"));
        assertArrayEquals(new long[] {0, 0xdead_beefL}, (long[]) component(r, "ptrs"));
        List<?> path = (List<?>) component(r, "path");
        assertEquals(3, path.size());
        assertEquals(4.0f, component((Record) path.get(1), "x"));
        assertEquals(-3.0f, component((Record) component(r, "origin"), "z"));
    }

    @Test
    void decodeAllDecodesTheStructAtEachOffsetThroughTheTypesOwnLoop() throws Exception {
        ByteBuffer b = buffer(3 * 64);
        for (int i = 0; i < 3; i++) {
            b.putInt(64 * i + 4, 100 + i);
        }
        Record[] out = (Record[]) Array.newInstance(player.recordType(), 3);
        player.decodeAll(b, new int[] {128, 0, 64}, out, 2);
        assertEquals(102, component(out[0], "hp"));
        assertEquals(100, component(out[1], "hp"));
        assertEquals(null, out[2], "only count structs are decoded");
        Method own = player.getClass().getDeclaredMethod("decodeAll", ByteBuffer.class, int[].class, out.getClass(),
                int.class);
        assertFalse(own.isBridge() || own.isDefault(), "the generated Type overrides the default loop");
    }

    @Test
    void encodeWritesBackTheDecodedBytesAndLeavesPaddingAlone() {
        ByteBuffer fixture = everythingFixture();
        Record r = everything.decode(fixture, 0);
        ByteBuffer out = buffer(300);
        Arrays.fill(out.array(), (byte) 0x55);
        everything.encode(r, out, 20);
        byte[] expected = fixture.array().clone();
        expected[7] = 1;
        expected[162] = 1;
        assertArrayEquals(expected, Arrays.copyOfRange(out.array(), 20, 276), "bool written as 1, all else equal");
        assertEquals(0x55, out.get(19));
        assertEquals(0x55, out.get(276));
    }

    @Test
    void decodeToMapGivesBoxedValuesArraysAndNestedMapsInDeclarationOrder() {
        Map<String, Object> map = everything.decodeToMap(everythingFixture(), 0);
        assertTrue(map instanceof LinkedHashMap);
        assertEquals(List.of("i8", "u8s", "i16", "u16", "u8i", "flag", "i32", "u32"),
                map.keySet().stream().limit(8).toList());
        assertEquals(255, ((Short) map.get("u8s")).intValue());
        assertEquals(0x8000_0001L, map.get("u32"));
        assertEquals(Boolean.TRUE, map.get("flag"));
        assertEquals("abcd", map.get("tag"));
        assertArrayEquals(new byte[] {1, 0, 2, 0, 0, 0, 0, (byte) 0xff}, (byte[]) map.get("raw"));
        assertArrayEquals(new int[] {-7, 7}, (int[]) map.get("i32s"));
        assertEquals(Map.of("x", -1.0f, "y", -2.0f, "z", -3.0f), map.get("origin"));
        List<?> path = (List<?>) map.get("path");
        assertEquals(Map.of("x", 7.0f, "y", 8.0f, "z", 9.0f), path.get(2));
    }

    @Test
    void nonAsciiUtf8NameRoundTripsAndShorterStringsAreNulPadded() {
        ByteBuffer b = buffer(64);
        b.put(8, "Zoë€".getBytes(StandardCharsets.UTF_8));
        Record p = player.decode(b, 0);
        assertEquals("Zoë€", component(p, "name"));
        ByteBuffer out = buffer(64);
        Arrays.fill(out.array(), (byte) 0x55);
        player.encode(with(p, Map.of("name", "ab")), out, 0);
        assertEquals('a', out.get(8));
        assertEquals('b', out.get(9));
        for (int i = 10; i < 24; i++) {
            assertEquals(0, out.get(i), "byte " + i + " of name is NUL padding");
        }
    }

    @Test
    void encodeRejectsTooLongStringNamingTheFieldInsteadOfTruncating() {
        Record p = player.decode(buffer(64), 0);
        Record tooLong = with(p, Map.of("name", "ééééééééé"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> player.encode(tooLong, buffer(64), 0));
        assertTrue(e.getMessage().contains("Player.name") && e.getMessage().contains("18 bytes"), e.getMessage());
    }

    @Test
    void encodeRejectsOutOfRangeUnsignedValuesNamingTheField() {
        Record r = everything.decode(everythingFixture(), 0);
        Map<String, Object> bad = Map.of("u8i", 256, "u8s", (short) -1, "u16", 65536, "u32", 1L << 32,
                "u32s", new long[] {0, -1});
        for (var entry : bad.entrySet()) {
            Record invalid = with(r, Map.of(entry.getKey(), entry.getValue()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> everything.encode(invalid, buffer(256), 0), entry.getKey());
            assertTrue(e.getMessage().contains("Everything." + entry.getKey()), e.getMessage());
        }
    }

    @Test
    void encodeRejectsArraysAndStructListsOfTheWrongLength() {
        Record r = everything.decode(everythingFixture(), 0);
        Record shortArray = with(r, Map.of("i32s", new int[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> everything.encode(shortArray, buffer(256), 0));
        assertTrue(e.getMessage().contains("Everything.i32s"), e.getMessage());
        List<?> path = (List<?>) component(r, "path");
        Record shortPath = with(r, Map.of("path", path.subList(0, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> everything.encode(shortPath, buffer(256), 0));
        assertTrue(e.getMessage().contains("Everything.path"), e.getMessage());
    }

    @Test
    void serviceLoaderFindsEveryGeneratedType() {
        Set<String> names = StructType.installed(compiled.loader).stream().map(StructType::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("Vec3", "player", "everything"), names);
    }

    @Test
    void constantsDescribeTheLayoutAndMatchTheRuntimeFingerprint() throws Exception {
        Class<?> view = compiled.load("game.PlayerRemoteView");
        assertEquals(64, view.getField("SIZE").getInt(null));
        assertEquals(4, view.getField("HP_OFFSET").getInt(null));
        assertEquals(16, view.getField("NAME_LENGTH").getInt(null));
        assertEquals(4, view.getField("STATS_LENGTH").getInt(null));
        long fingerprint = view.getField("FINGERPRINT").getLong(null);
        assertEquals(LayoutFingerprint.of("player", 64, player.layout().fields()), fingerprint);
        assertEquals(fingerprint, player.fingerprint());
        assertEquals("player", player.name());
        assertSame(compiled.load("game.Player"), player.recordType());
    }

    @Test
    void onlyWritableFieldsGetWriteMethods() throws Exception {
        Class<?> view = compiled.load("game.PlayerRemoteView");
        Set<String> writes = Arrays.stream(view.getMethods()).map(Method::getName)
                .filter(n -> n.startsWith("write")).collect(Collectors.toSet());
        assertEquals(Set.of("write", "writeHp", "writeName", "writePos", "writeLevel"), writes);
        Class<?> writer = compiled.load("game.PlayerRemoteView$Writer");
        Set<String> setters = Arrays.stream(writer.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
        assertEquals(Set.of("hp", "name", "pos", "level", "apply", "addTo"), setters);
    }

    @Test
    void typeIsAViewTypeWhoseViewsAreTheGeneratedClass() throws Exception {
        Class<?> view = compiled.load("game.PlayerRemoteView");
        assertEquals("org.remotestruct.ViewType<game.Player, game.PlayerRemoteView>",
                view.getField("TYPE").getGenericType().getTypeName());
        ViewType<?, ?> type = (ViewType<?, ?>) view.getField("TYPE").get(null);
        assertSame(view, type.view(RemoteProcess.self(), 0x1000).getClass());
    }

    @Test
    void aStructWithoutWritableFieldsHasNoWriter() {
        Class<?> view = compiled.load("game.EverythingRemoteView");
        assertTrue(Arrays.stream(view.getMethods()).anyMatch(m -> m.getName().equals("writeI8")));
        assertFalse(Arrays.stream(view.getMethods()).anyMatch(m -> m.getName().equals("writeLatin")));
        Compiled readOnly = Compiled.compile(dir.resolve("readonly"), List.of(), Sources.record(4,
                "@Field(offset = 0, type = CType.INT32) int a"));
        Class<?> bad = readOnly.load("test.BadRemoteView");
        assertFalse(Arrays.stream(bad.getMethods()).anyMatch(m -> m.getName().startsWith("write")));
        assertEquals(0, Arrays.stream(bad.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("Writer"))
                .count());
    }

    @Test
    void recordsNamedLikeTheGeneratedNestedClassesStillCompile() {
        JavaFileObject type = JavaFileObjects.forSourceString("clash.Type", """
                package clash;
                import org.remotestruct.annotations.*;
                @RemoteStruct(size = 4)
                public record Type(@Field(offset = 0, type = CType.INT32, writable = true) int kind) {}
                """);
        JavaFileObject writer = JavaFileObjects.forSourceString("clash.Writer", """
                package clash;
                import java.util.List;
                import org.remotestruct.annotations.*;
                @RemoteStruct(size = 12)
                public record Writer(
                        @Field(offset = 0, type = CType.STRUCT, writable = true) Type type,
                        @Field(offset = 4, type = CType.STRUCT, length = 2) List<Type> types) {}
                """);
        Compiled clash = Compiled.compile(dir.resolve("clash"), List.of(), type, writer);
        assertEquals("Writer", clash.load("clash.WriterRemoteView").getSimpleName().replace("RemoteView", ""));
    }

    @Test
    void viewRemembersProcessAddressAndType() throws Exception {
        Class<?> view = compiled.load("game.PlayerRemoteView");
        RemoteProcess self = RemoteProcess.self();
        RemoteView<?> v = (RemoteView<?>) player.view(self, 0x7f00_0000_1000L);
        assertSame(view, v.getClass());
        assertSame(self, v.process());
        assertEquals(0x7f00_0000_1000L, v.address());
        assertSame(player, v.type());
    }

    @Test
    void singleFieldWritesSendOnlyTheirFieldEvenAfterARejectedValue() throws Exception {
        // This JVM's own off-heap memory stands in for the target: the point is which bytes a
        // write sends through the view's shared writer, not crossing a process boundary.
        ByteBuffer memory = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 64; i++) {
            memory.put(i, (byte) 0x55);
        }
        Class<?> viewClass = compiled.load("game.PlayerRemoteView");
        Object view = player.view(RemoteProcess.self(), LibC.addressOf(memory));
        Method writeHp = viewClass.getMethod("writeHp", int.class);
        Method writeName = viewClass.getMethod("writeName", String.class);
        Method writeLevel = viewClass.getMethod("writeLevel", int.class);
        long before = ProcessVm.writeCalls();
        writeHp.invoke(view, 7);
        Throwable rejected = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> writeName.invoke(view, "x".repeat(17))).getCause();
        assertTrue(rejected instanceof IllegalArgumentException, String.valueOf(rejected));
        writeLevel.invoke(view, 3);
        assertEquals(2, ProcessVm.writeCalls() - before);
        assertEquals(7, memory.getInt(4));
        assertEquals(3, memory.get(36));
        for (int i = 0; i < 64; i++) {
            if ((i < 4 || i >= 8) && i != 36) {
                assertEquals((byte) 0x55, memory.get(i), "byte " + i + " must not have been written");
            }
        }
    }
}
