package org.remotestruct.processor.generate;

import static org.remotestruct.processor.model.JavaType.BOOLEAN;
import static org.remotestruct.processor.model.JavaType.BOOLEAN_ARRAY;
import static org.remotestruct.processor.model.JavaType.BYTE;
import static org.remotestruct.processor.model.JavaType.BYTE_ARRAY;
import static org.remotestruct.processor.model.JavaType.DOUBLE;
import static org.remotestruct.processor.model.JavaType.DOUBLE_ARRAY;
import static org.remotestruct.processor.model.JavaType.FLOAT;
import static org.remotestruct.processor.model.JavaType.FLOAT_ARRAY;
import static org.remotestruct.processor.model.JavaType.INT;
import static org.remotestruct.processor.model.JavaType.INT_ARRAY;
import static org.remotestruct.processor.model.JavaType.LONG;
import static org.remotestruct.processor.model.JavaType.LONG_ARRAY;
import static org.remotestruct.processor.model.JavaType.POINTER;
import static org.remotestruct.processor.model.JavaType.POINTER_LIST;
import static org.remotestruct.processor.model.JavaType.RECORD;
import static org.remotestruct.processor.model.JavaType.RECORD_LIST;
import static org.remotestruct.processor.model.JavaType.SHORT;
import static org.remotestruct.processor.model.JavaType.SHORT_ARRAY;
import static org.remotestruct.processor.model.JavaType.STRING;
import static org.remotestruct.processor.model.JavaType.STRING_POINTER;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.remotestruct.annotations.CType;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.JavaType;

/**
 * The codec table: for each C type and each Java type it may map to, the code that reads the
 * field and writes it back into {@code buffer}. One row per pair; every read is a call to
 * {@code org.remotestruct.spi.Codecs} or, for fixed arrays, {@code org.remotestruct.spi.ArrayCodecs},
 * whose helpers come in a {@code ByteBuffer} and a {@code byte[]} form, so one read template serves
 * both: {@code decode(byte[], int)} reads from {@code bytes}, single-field reads and
 * {@code decodeToMap} from {@code buffer}. Writes go into {@code buffer} only.
 *
 * <p>Templates use JavaPoet named arguments: {@code $src} what a read reads from ({@code buffer}
 * or {@code bytes}), {@code $at} the absolute offset expression,
 * {@code $value} the value expression, {@code $length} and {@code $charset} the field's
 * constants, {@code $field} its qualified name for error messages, {@code $codecs} and
 * {@code $arrays} the helper classes and {@code $view} the nested struct's view.
 */
final class FieldCodecs {

    /**
     * Code templates for one (C type, Java type) pair; {@code toMap} reads for {@code decodeToMap},
     * always from {@code buffer}.
     */
    private record Codec(String read, String write, String toMap) {
        Codec(String read, String write) {
            this(read, write, read);
        }
    }

    static final ClassName CODECS = ClassName.get("org.remotestruct.spi", "Codecs");
    static final ClassName BITFIELDS = ClassName.get("org.remotestruct.spi", "Bitfields");
    static final ClassName ENUM_CODEC = ClassName.get("org.remotestruct.spi", "EnumCodec");
    static final ClassName ARRAY_CODECS = ClassName.get("org.remotestruct.spi", "ArrayCodecs");
    static final ClassName POINTER_CODECS = ClassName.get("org.remotestruct.spi", "PointerCodecs");

    /** {@code byte[]}, for {@code int8_t[N]} and {@code char[N]} alike: a plain copy. */
    private static final Codec BYTES = new Codec("$codecs:T.getBytes($src:L, $at:L, $length:L)",
            "$codecs:T.putBytes(buffer, $at:L, $length:L, $value:L, $field:S)");

    private static final Map<CType, Map<JavaType, Codec>> TABLE = new EnumMap<>(CType.class);

    static {
        row(CType.INT8, BYTE, "$codecs:T.getByte($src:L, $at:L)", "buffer.put($at:L, $value:L)");
        row(CType.INT8, BYTE_ARRAY, BYTES);
        row(CType.UINT8, SHORT, "(short) Byte.toUnsignedInt($codecs:T.getByte($src:L, $at:L))",
                "buffer.put($at:L, (byte) $codecs:T.checkUint8($value:L, $field:S))");
        row(CType.UINT8, INT, "Byte.toUnsignedInt($codecs:T.getByte($src:L, $at:L))",
                "buffer.put($at:L, (byte) $codecs:T.checkUint8($value:L, $field:S))");
        row(CType.UINT8, SHORT_ARRAY, arrays("getUint8sAsShorts", "putUint8s"));
        row(CType.UINT8, INT_ARRAY, arrays("getUint8sAsInts", "putUint8s"));
        row(CType.INT16, SHORT, "$codecs:T.getShort($src:L, $at:L)", "buffer.putShort($at:L, $value:L)");
        row(CType.INT16, SHORT_ARRAY, arrays("getShorts", "putShorts"));
        row(CType.UINT16, INT, "Short.toUnsignedInt($codecs:T.getShort($src:L, $at:L))",
                "buffer.putShort($at:L, (short) $codecs:T.checkUint16($value:L, $field:S))");
        row(CType.UINT16, INT_ARRAY, arrays("getUint16s", "putUint16s"));
        row(CType.INT32, INT, "$codecs:T.getInt($src:L, $at:L)", "buffer.putInt($at:L, $value:L)");
        row(CType.INT32, INT_ARRAY, arrays("getInts", "putInts"));
        row(CType.UINT32, LONG, "Integer.toUnsignedLong($codecs:T.getInt($src:L, $at:L))",
                "buffer.putInt($at:L, (int) $codecs:T.checkUint32($value:L, $field:S))");
        row(CType.UINT32, LONG_ARRAY, arrays("getUint32s", "putUint32s"));
        for (CType wide : new CType[] {CType.INT64, CType.UINT64, CType.POINTER}) {
            row(wide, LONG, "$codecs:T.getLong($src:L, $at:L)", "buffer.putLong($at:L, $value:L)");
            row(wide, LONG_ARRAY, arrays("getLongs", "putLongs"));
        }
        row(CType.FLOAT, FLOAT, "$codecs:T.getFloat($src:L, $at:L)", "buffer.putFloat($at:L, $value:L)");
        row(CType.FLOAT, FLOAT_ARRAY, arrays("getFloats", "putFloats"));
        row(CType.DOUBLE, DOUBLE, "$codecs:T.getDouble($src:L, $at:L)", "buffer.putDouble($at:L, $value:L)");
        row(CType.DOUBLE, DOUBLE_ARRAY, arrays("getDoubles", "putDoubles"));
        row(CType.BOOL, BOOLEAN, "$codecs:T.getByte($src:L, $at:L) != 0",
                "buffer.put($at:L, (byte) ($value:L ? 1 : 0))");
        row(CType.BOOL, BOOLEAN_ARRAY, arrays("getBooleans", "putBooleans"));
        row(CType.CHAR, STRING, new Codec("$codecs:T.getString($src:L, $at:L, $length:L, $charset:L)",
                "$codecs:T.putString(buffer, $at:L, $length:L, $value:L, $charset:L, $field:S)"));
        row(CType.CHAR, BYTE_ARRAY, BYTES);
        row(CType.STRUCT, RECORD, new Codec("$view:T.decode($src:L, $at:L)",
                "$view:T.encode($codecs:T.nonNull($value:L, $field:S), buffer, $at:L)",
                "$view:T.TYPE.decodeToMap(buffer, $at:L)"));
        row(CType.STRUCT, RECORD_LIST, new Codec(
                "$arrays:T.getList($src:L, $at:L, $length:L, $view:T.SIZE, $view:T::decode)",
                "$arrays:T.putList(buffer, $at:L, $length:L, $view:T.SIZE, $value:L, $view:T::encode, $field:S)",
                "$arrays:T.getList(buffer, $at:L, $length:L, $view:T.SIZE, $view:T.TYPE::decodeToMap)"));
        // Typed pointers decode to RemotePointer tagged with the pointee view's TYPE; tools see the
        // raw address, as for untyped pointers, and find the pointee's name in the layout.
        row(CType.POINTER, POINTER, new Codec("$pointers:T.get($src:L, $at:L, $pointee:T.TYPE)",
                "$pointers:T.put(buffer, $at:L, $value:L, $field:S)", "$codecs:T.getLong(buffer, $at:L)"));
        row(CType.POINTER, POINTER_LIST, new Codec("$pointers:T.getList($src:L, $at:L, $length:L, $pointee:T.TYPE)",
                "$pointers:T.putList(buffer, $at:L, $length:L, $value:L, $field:S)",
                "$arrays:T.getLongs(buffer, $at:L, $length:L)"));
        row(CType.POINTER, STRING_POINTER, new Codec("$pointers:T.getString($src:L, $at:L, $maxLength:L, $charset:L)",
                "$pointers:T.putString(buffer, $at:L, $value:L, $field:S)", "$codecs:T.getLong(buffer, $at:L)"));
    }

    private FieldCodecs() {
    }

    private static Codec arrays(String get, String put) {
        return new Codec("$arrays:T." + get + "($src:L, $at:L, $length:L)",
                "$arrays:T." + put + "(buffer, $at:L, $length:L, $value:L, $field:S)");
    }

    private static void row(CType type, JavaType javaType, String read, String write) {
        row(type, javaType, new Codec(read, write));
    }

    private static void row(CType type, JavaType javaType, Codec codec) {
        TABLE.computeIfAbsent(type, t -> new EnumMap<>(JavaType.class)).put(javaType, codec);
    }

    /**
     * How the raw C integer of each integer type reads as a {@code long} and writes back from one:
     * enums and {@code read…Raw} go through these.
     */
    private static final Map<CType, Codec> RAW = new EnumMap<>(CType.class);

    static {
        RAW.put(CType.INT8, new Codec("$codecs:T.getByte($src:L, $at:L)", "buffer.put($at:L, (byte) $value:L)"));
        RAW.put(CType.UINT8, new Codec("Byte.toUnsignedLong($codecs:T.getByte($src:L, $at:L))",
                "buffer.put($at:L, (byte) $value:L)"));
        RAW.put(CType.INT16, new Codec("$codecs:T.getShort($src:L, $at:L)",
                "buffer.putShort($at:L, (short) $value:L)"));
        RAW.put(CType.UINT16, new Codec("Short.toUnsignedLong($codecs:T.getShort($src:L, $at:L))",
                "buffer.putShort($at:L, (short) $value:L)"));
        RAW.put(CType.INT32, new Codec("$codecs:T.getInt($src:L, $at:L)", "buffer.putInt($at:L, (int) $value:L)"));
        RAW.put(CType.UINT32, new Codec("Integer.toUnsignedLong($codecs:T.getInt($src:L, $at:L))",
                "buffer.putInt($at:L, (int) $value:L)"));
        RAW.put(CType.INT64, new Codec("$codecs:T.getLong($src:L, $at:L)", "buffer.putLong($at:L, $value:L)"));
        RAW.put(CType.UINT64, RAW.get(CType.INT64));
        RAW.put(CType.BOOL, new Codec("$codecs:T.getByte($src:L, $at:L)", "buffer.put($at:L, (byte) $value:L)"));
    }

    /** What a read reads from: the view's {@code ByteBuffer buffer}. */
    static final String FROM_BUFFER = "buffer";
    /** What a read reads from: {@code byte[] bytes}, in {@code decode(byte[], int)}. */
    static final String FROM_BYTES = "bytes";

    /**
     * Expression reading {@code field} from {@code src} ({@link #FROM_BUFFER} or {@link #FROM_BYTES})
     * at offset expression {@code at}.
     */
    static CodeBlock read(FieldModel field, String qualifiedName, String src, CodeBlock at) {
        if (field.isBitfield() || field.enumModel() != null) {
            return typed(field, qualifiedName, rawRead(field, qualifiedName, src, at));
        }
        return CodeBlock.builder().addNamed(codec(field).read(), args(field, qualifiedName, src, at, null)).build();
    }

    /** Expression reading {@code field} as {@code decodeToMap} presents it. */
    static CodeBlock readToMap(FieldModel field, String qualifiedName, CodeBlock at) {
        if (field.enumModel() != null) {
            // tools show every value: a constant where one is declared, else the number itself
            return CodeBlock.of("$L_ENUM.constantOrRaw($L)", field.constantPrefix(),
                    rawRead(field, qualifiedName, FROM_BUFFER, at));
        }
        if (field.isBitfield()) {
            return read(field, qualifiedName, FROM_BUFFER, at);
        }
        return CodeBlock.builder().addNamed(codec(field).toMap(), args(field, qualifiedName, FROM_BUFFER, at, null))
                .build();
    }

    /** Statement (without {@code ;}) writing {@code value} into {@code buffer} at {@code at}. */
    static CodeBlock write(FieldModel field, String qualifiedName, CodeBlock at, CodeBlock value) {
        if (field.isBitfield() || field.enumModel() != null) {
            return rawWrite(field, qualifiedName, at, rawValue(field, qualifiedName, value));
        }
        return CodeBlock.builder().addNamed(codec(field).write(), args(field, qualifiedName, FROM_BUFFER, at, value))
                .build();
    }

    /** Expression reading the raw C integer of an enum or bitfield from {@code src} as a {@code long}. */
    static CodeBlock rawRead(FieldModel field, String qualifiedName, String src, CodeBlock at) {
        if (field.isBitfield()) {
            return CodeBlock.of("$T.$L($L, $L, $L_BIT, $L_BITS)", BITFIELDS,
                    field.signed() ? "getSigned" : "getUnsigned", src, at, field.constantPrefix(),
                    field.constantPrefix());
        }
        return CodeBlock.builder().addNamed(RAW.get(field.type()).read(), args(field, qualifiedName, src, at, null))
                .build();
    }

    /** Statement writing {@code raw}, a {@code long} already checked to fit, as the field's C integer. */
    static CodeBlock rawWrite(FieldModel field, String qualifiedName, CodeBlock at, CodeBlock raw) {
        if (field.isBitfield()) {
            return CodeBlock.of("$T.put(buffer, $L, $L_BIT, $L_BITS, $L)", BITFIELDS, at, field.constantPrefix(),
                    field.constantPrefix(), raw);
        }
        return CodeBlock.builder()
                .addNamed(RAW.get(field.type()).write(), args(field, qualifiedName, FROM_BUFFER, at, raw)).build();
    }

    /** Expression checking a raw {@code long} against the field's C range, for {@code write…Raw}. */
    static CodeBlock checkedRaw(FieldModel field, String qualifiedName, CodeBlock raw) {
        CodeBlock width = field.isBitfield() ? CodeBlock.of("$L_BITS", field.constantPrefix())
                : CodeBlock.of("$L", 8 * field.type().size());
        return CodeBlock.of("$T.$L($L, $L, $S)", BITFIELDS, field.signed() ? "checkSigned" : "checkUnsigned", raw,
                width, qualifiedName);
    }

    /** The raw long of a Java value of a bitfield or enum, checked to fit (enums are checked by the processor). */
    static CodeBlock rawValue(FieldModel field, String qualifiedName, CodeBlock value) {
        return switch (field.javaType()) {
            case ENUM -> CodeBlock.of("$L_ENUM.encode($L, $S)", field.constantPrefix(), value, qualifiedName);
            case BOOLEAN -> CodeBlock.of("$L ? 1L : 0L", value);
            default -> checkedRaw(field, qualifiedName, value);
        };
    }

    /** The Java value of a raw long of a bitfield or enum. */
    private static CodeBlock typed(FieldModel field, String qualifiedName, CodeBlock raw) {
        return switch (field.javaType()) {
            case ENUM -> CodeBlock.of("$L_ENUM.decode($L, $S)", field.constantPrefix(), raw, qualifiedName);
            case BOOLEAN -> CodeBlock.of("$L != 0", raw);
            case INT -> CodeBlock.of("(int) $L", raw);
            default -> raw;
        };
    }

    private static Codec codec(FieldModel field) {
        Codec codec = TABLE.getOrDefault(field.type(), Map.of()).get(field.javaType());
        if (codec == null) {
            // The validator admits only pairs of TypeMapping, and this table has a row for each.
            throw new IllegalStateException("no codec for " + field.type() + " as " + field.javaType());
        }
        return codec;
    }

    private static Map<String, Object> args(FieldModel field, String qualifiedName, String src, CodeBlock at,
            CodeBlock value) {
        Map<String, Object> args = new HashMap<>();
        args.put("src", src);
        args.put("at", at);
        args.put("value", value == null ? CodeBlock.of("") : value);
        args.put("length", field.constantPrefix() + "_LENGTH");
        args.put("charset", field.constantPrefix() + "_CHARSET");
        args.put("field", qualifiedName);
        args.put("codecs", CODECS);
        args.put("arrays", ARRAY_CODECS);
        args.put("view", field.nested() == null ? CODECS : Types.view(field.nested()));
        args.put("pointers", POINTER_CODECS);
        args.put("maxLength", field.constantPrefix() + "_MAX_LENGTH");
        args.put("pointee", field.pointee() == null || field.pointee().isString() ? CODECS
                : Types.pointeeView(field.pointee()));
        return args;
    }
}
