package org.remotestruct.processor;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Test sources: records that use every C type, and helpers to write small ones. */
final class Sources {

    private Sources() {
    }

    static final String IMPORTS = "import org.remotestruct.annotations.*;\n";

    /** A 12-byte vector nested in other structs. */
    static JavaFileObject vec3() {
        return JavaFileObjects.forSourceString("game.Vec3", """
                package game;
                import org.remotestruct.annotations.*;

                @RemoteStruct(size = 12)
                public record Vec3(
                        @Field(offset = 0, type = CType.FLOAT, writable = true) float x,
                        @Field(offset = 4, type = CType.FLOAT, writable = true) float y,
                        @Field(offset = 8, type = CType.FLOAT, writable = true) float z) {
                }
                """);
    }

    /** The same vector in package {@code test}, for diagnostics tests. */
    static JavaFileObject vec3Test() {
        return JavaFileObjects.forSourceString("test.Vec3", """
                package test;
                import org.remotestruct.annotations.*;

                @RemoteStruct(size = 12)
                public record Vec3(
                        @Field(offset = 0, type = CType.FLOAT) float x,
                        @Field(offset = 4, type = CType.FLOAT) float y,
                        @Field(offset = 8, type = CType.FLOAT) float z) {
                }
                """);
    }

    /** The documented example: a player with a nested Vec3 and writable fields. */
    static JavaFileObject player() {
        return JavaFileObjects.forSourceString("game.Player", """
                package game;
                import org.remotestruct.annotations.*;

                /** A player slot of the game server; {@code struct player} in server.c. */
                @RemoteStruct(size = 64, name = "player")
                public record Player(
                        @Field(offset = 0, type = CType.UINT32) long id,
                        @Field(offset = 4, type = CType.INT32, writable = true) int hp,
                        @Field(offset = 8, type = CType.CHAR, length = 16, writable = true) String name,
                        @Field(offset = 24, type = CType.STRUCT, writable = true) Vec3 pos,
                        @Field(offset = 36, type = CType.UINT8, writable = true) int level,
                        @Field(offset = 37, type = CType.BOOL) boolean online,
                        @Field(offset = 40, type = CType.POINTER) long session,
                        @Field(offset = 48, type = CType.INT32, length = 4) int[] stats) {
                }
                """);
    }

    /** One record per C type, arrays of each, char as String and byte[], and struct arrays. */
    static JavaFileObject everything() {
        return JavaFileObjects.forSourceString("game.Everything", """
                package game;
                import java.util.List;
                import org.remotestruct.annotations.*;

                @RemoteStruct(size = 256, name = "everything")
                public record Everything(
                        @Field(offset = 0, type = CType.INT8, writable = true) byte i8,
                        @Field(offset = 1, type = CType.UINT8, writable = true) short u8s,
                        @Field(offset = 2, type = CType.INT16, writable = true) short i16,
                        @Field(offset = 4, type = CType.UINT16, writable = true) int u16,
                        @Field(offset = 6, type = CType.UINT8, writable = true) int u8i,
                        @Field(offset = 7, type = CType.BOOL, writable = true) boolean flag,
                        @Field(offset = 8, type = CType.INT32, writable = true) int i32,
                        @Field(offset = 12, type = CType.UINT32, writable = true) long u32,
                        @Field(offset = 16, type = CType.INT64, writable = true) long i64,
                        @Field(offset = 24, type = CType.UINT64, writable = true) long u64,
                        @Field(offset = 32, type = CType.FLOAT, writable = true) float f32,
                        @Field(offset = 36, type = CType.CHAR, length = 4, writable = true) String tag,
                        @Field(offset = 40, type = CType.DOUBLE, writable = true) double f64,
                        @Field(offset = 48, type = CType.POINTER, writable = true) long ptr,
                        @Field(offset = 56, type = CType.CHAR, length = 8, charset = "ISO-8859-1") String latin,
                        @Field(offset = 64, type = CType.CHAR, length = 8) byte[] raw,
                        @Field(offset = 72, type = CType.INT8, length = 4) byte[] i8s,
                        @Field(offset = 76, type = CType.UINT8, length = 2) short[] u8ss,
                        @Field(offset = 78, type = CType.UINT8, length = 2) int[] u8is,
                        @Field(offset = 80, type = CType.INT16, length = 2) short[] i16s,
                        @Field(offset = 84, type = CType.UINT16, length = 2) int[] u16s,
                        @Field(offset = 88, type = CType.INT32, length = 2) int[] i32s,
                        @Field(offset = 96, type = CType.UINT32, length = 2) long[] u32s,
                        @Field(offset = 104, type = CType.INT64, length = 2) long[] i64s,
                        @Field(offset = 120, type = CType.UINT64, length = 2) long[] u64s,
                        @Field(offset = 136, type = CType.FLOAT, length = 2) float[] f32s,
                        @Field(offset = 144, type = CType.DOUBLE, length = 2) double[] f64s,
                        @Field(offset = 160, type = CType.BOOL, length = 3) boolean[] flags,
                        @Field(offset = 168, type = CType.POINTER, length = 2) long[] ptrs,
                        @Field(offset = 184, type = CType.STRUCT, length = 3, writable = true) List<Vec3> path,
                        @Field(offset = 220, type = CType.STRUCT) Vec3 origin) {
                }
                """);
    }

    /** A record {@code Bad} in package {@code test} with the given component lines and size. */
    static JavaFileObject record(int size, String... components) {
        return JavaFileObjects.forSourceString("test.Bad", "package test;\n" + IMPORTS
                + "import java.util.List;\n\n@RemoteStruct(size = " + size + ")\npublic record Bad(\n        "
                + String.join(",\n        ", components) + ") {\n}\n");
    }
}
