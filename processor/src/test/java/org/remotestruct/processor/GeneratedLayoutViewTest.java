package org.remotestruct.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.processor.GeneratedViewTest.buffer;
import static org.remotestruct.processor.GeneratedViewTest.component;
import static org.remotestruct.processor.GeneratedViewTest.with;

import com.google.testing.compile.JavaFileObjects;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructType;

/** Decoding and encoding of computed layouts, bitfields, enums and unions on plain buffers. */
class GeneratedLayoutViewTest {

    @TempDir
    static Path dir;

    static Compiled compiled;
    static StructType<Record> packet;
    static StructType<Record> number;

    @BeforeAll
    static void compile() {
        compiled = Compiled.compile(dir, List.of(), JavaFileObjects.forSourceString("net.Number", """
                package net;
                import org.remotestruct.annotations.*;
                @RemoteUnion(name = "number")
                public record Number(@Field(type = CType.INT16) short small, @Field(type = CType.INT64) long wide) {}
                """), JavaFileObjects.forSourceString("net.Packet", """
                package net;
                import org.remotestruct.annotations.*;
                @RemoteStruct(name = "packet", pack = 2)
                public record Packet(
                        @Field(type = CType.UINT8) int kind,
                        @Field(type = CType.INT64) long stamp,
                        @Field(type = CType.UINT16, bits = 3, writable = true) int prio,
                        @Field(type = CType.INT16, bits = 6, writable = true) int delta,
                        @Field(type = CType.UINT8, bits = 2, newUnit = true) Kind mode,
                        @Field(type = CType.STRUCT) Number number) {
                    public enum Kind { @EnumValue(1) DATA, @EnumValue(2) ACK }
                }
                """));
        packet = GeneratedViewTest.type("net.PacketRemoteView", compiled);
        number = GeneratedViewTest.type("net.NumberRemoteView", compiled);
    }

    @Test
    void computedOffsetsFollowThePackAndTheBitfieldRules() {
        // pack(2): stamp at 2; prio bits 80..82, delta 83..88 (no straddling rule under pack),
        // mode after a zero-width uint8_t at byte 12, number (align min(8, 2)) at 14, size 22.
        assertEquals(22, packet.layout().size());
        FieldLayout stamp = packet.layout().field("stamp");
        assertEquals(2, stamp.offset());
        FieldLayout prio = packet.layout().field("prio");
        FieldLayout delta = packet.layout().field("delta");
        assertEquals(80, 8 * prio.offset() + prio.bitOffset());
        assertEquals(83, 8 * delta.offset() + delta.bitOffset());
        assertEquals(prio.offset(), delta.offset(), "bitfields sharing a byte share a storage unit");
        assertEquals(prio.byteLength(), delta.byteLength());
        assertEquals(96, 8 * packet.layout().field("mode").offset() + packet.layout().field("mode").bitOffset());
        assertEquals(14, packet.layout().field("number").offset());
    }

    @Test
    void bitfieldsDecodeSignExtendAndEncodeOnlyTheirBits() {
        ByteBuffer b = buffer(22);
        b.put(10, (byte) 0b1111_1101).put(11, (byte) 0b0000_0001).put(12, (byte) 2);
        Record r = packet.decode(b, 0);
        assertEquals(5, component(r, "prio"));
        assertEquals(0b111111 - 64, component(r, "delta"), "delta's six bits are all ones: -1");
        assertEquals("ACK", component(r, "mode").toString());
        ByteBuffer out = buffer(22);
        out.put(11, (byte) 0xf0);
        packet.encode(with(r, Map.of("delta", -32)), out, 0);
        assertEquals((byte) 0b0000_0101, out.get(10), "prio 5 and the low five bits of -32");
        assertEquals((byte) 0xf1, out.get(11), "bits of byte 11 that belong to no bitfield keep their value");
    }

    @Test
    void anEnumValueNoConstantDeclaresFailsNamingTheFieldAndTheValue() {
        ByteBuffer b = buffer(22);
        b.put(12, (byte) 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> packet.decode(b, 0));
        assertTrue(e.getMessage().contains("Packet.mode holds 3"), e.getMessage());
        assertEquals(3L, packet.decodeToMap(b, 0).get("mode"), "tools see the number itself");
    }

    @Test
    void aUnionDecodesEveryMemberAndEncodesItsFirst() {
        ByteBuffer b = buffer(8);
        b.putLong(0, 0x1122_3344_5566_7788L);
        Record u = number.decode(b, 0);
        assertEquals((short) 0x7788, component(u, "small"));
        assertEquals(0x1122_3344_5566_7788L, component(u, "wide"));
        ByteBuffer out = buffer(8);
        number.encode(with(u, Map.of("small", (short) 1, "wide", -1L)), out, 0);
        assertEquals(1L, out.getLong(0), "only the first member is written, as a C initializer does");
    }

    @Test
    void explicitOffsetsWithoutASizeGetCsTailPadding(@TempDir Path out) {
        Compiled c = Compiled.compile(out, List.of(), JavaFileObjects.forSourceString("net.Pair", """
                package net;
                import org.remotestruct.annotations.*;
                @RemoteStruct
                public record Pair(@Field(offset = 0, type = CType.INT32) int a, @Field(offset = 4, type = CType.INT8) byte b) {}
                """));
        assertEquals(8, GeneratedViewTest.type("net.PairRemoteView", c).layout().size(), "sizeof rounds up to 4");
    }
}
