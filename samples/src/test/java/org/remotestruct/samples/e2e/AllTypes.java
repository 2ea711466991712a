package org.remotestruct.samples.e2e;

import java.util.List;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * Every C type and Java mapping the processor supports, in one struct: scalars (UINT8 both as
 * {@code short} and {@code int}), {@code char[N]} as String and as byte[], a pointer, an array of
 * every numeric type, a nested struct and an inline array of structs. The C side is
 * {@code struct e2e_all_types} of the generated header, filled by e2e_target.c with the values of
 * {@link KnownValues}.
 */
@RemoteStruct(size = 248, name = "e2e_all_types")
public record AllTypes(
        @Field(offset = 0, type = CType.INT8, writable = true) byte i8,
        @Field(offset = 1, type = CType.UINT8) short u8AsShort,
        @Field(offset = 2, type = CType.UINT8, writable = true) int u8AsInt,
        @Field(offset = 3, type = CType.BOOL, writable = true) boolean flag,
        @Field(offset = 4, type = CType.INT16) short i16,
        @Field(offset = 6, type = CType.UINT16) int u16,
        @Field(offset = 8, type = CType.INT32, writable = true) int i32,
        @Field(offset = 12, type = CType.UINT32, writable = true) long u32,
        @Field(offset = 16, type = CType.INT64) long i64,
        @Field(offset = 24, type = CType.UINT64, writable = true) long u64,
        @Field(offset = 32, type = CType.FLOAT) float fNan,
        @Field(offset = 36, type = CType.FLOAT, writable = true) float fNegZero,
        @Field(offset = 40, type = CType.DOUBLE) double dNegZero,
        @Field(offset = 48, type = CType.DOUBLE, writable = true) double dNan,
        @Field(offset = 56, type = CType.CHAR, length = 8, writable = true) String name,
        @Field(offset = 64, type = CType.CHAR, length = 16, writable = true) String text,
        @Field(offset = 80, type = CType.CHAR, length = 8) byte[] rawChars,
        @Field(offset = 88, type = CType.POINTER) long vecsPtr,
        @Field(offset = 96, type = CType.BOOL, length = 3) boolean[] bools,
        @Field(offset = 99, type = CType.INT8, length = 3) byte[] i8s,
        @Field(offset = 102, type = CType.UINT8, length = 4) short[] u8s,
        @Field(offset = 106, type = CType.UINT8, length = 2) int[] u8Ints,
        @Field(offset = 108, type = CType.INT16, length = 2) short[] i16s,
        @Field(offset = 112, type = CType.UINT16, length = 2) int[] u16s,
        @Field(offset = 116, type = CType.INT32, length = 3, writable = true) int[] i32s,
        @Field(offset = 128, type = CType.UINT32, length = 2) long[] u32s,
        @Field(offset = 136, type = CType.INT64, length = 2) long[] i64s,
        @Field(offset = 152, type = CType.UINT64, length = 2) long[] u64s,
        @Field(offset = 168, type = CType.FLOAT, length = 2) float[] floats,
        @Field(offset = 176, type = CType.DOUBLE, length = 2) double[] doubles,
        @Field(offset = 192, type = CType.STRUCT, writable = true) Vec3 pos,
        @Field(offset = 204, type = CType.STRUCT, length = 3, writable = true) List<Vec3> path,
        @Field(offset = 240, type = CType.INT32, writable = true) int tail) {
}
