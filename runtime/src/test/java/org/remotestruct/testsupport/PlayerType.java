package org.remotestruct.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructLayout;
import org.remotestruct.StructType;
import org.remotestruct.annotations.CType;

/** A hand-written {@link StructType} for {@link Player}, shaped like the processor's output. */
public final class PlayerType implements StructType<Player> {

    /** Index of each field in {@link #LAYOUT}. */
    public static final int ID = 0;
    /** Field index of hp. */
    public static final int HP = 1;
    /** Field index of speed. */
    public static final int SPEED = 2;
    /** Field index of name. */
    public static final int NAME = 3;
    /** Field index of score. */
    public static final int SCORE = 4;
    /** Field index of level. */
    public static final int LEVEL = 5;
    /** Field index of flags. */
    public static final int FLAGS = 6;

    /** The layout of {@code struct player}: two spans, since 600 bytes of padding separate them. */
    public static final StructLayout LAYOUT = StructLayout.of("player", 648, List.of(
            new FieldLayout("id", 0, CType.INT32, 1, 4, false, null, null),
            new FieldLayout("hp", 4, CType.INT32, 1, 4, true, null, null),
            new FieldLayout("speed", 8, CType.DOUBLE, 1, 8, true, null, null),
            new FieldLayout("name", 16, CType.CHAR, 16, 1, true, "US-ASCII", null),
            new FieldLayout("score", 32, CType.INT64, 1, 8, true, null, null),
            new FieldLayout("level", 640, CType.INT32, 1, 4, true, null, null),
            new FieldLayout("flags", 644, CType.INT32, 1, 4, true, null, null)));

    /** The one instance. */
    public static final PlayerType TYPE = new PlayerType();

    @Override
    public Class<Player> recordType() {
        return Player.class;
    }

    @Override
    public StructLayout layout() {
        return LAYOUT;
    }

    @Override
    public Player decode(ByteBuffer b, int o) {
        return new Player(b.getInt(o), b.getInt(o + 4), b.getDouble(o + 8), decodeName(b, o + 16),
                b.getLong(o + 32), b.getInt(o + 640), b.getInt(o + 644));
    }

    /** Decodes a NUL-terminated char[16]. */
    public static String decodeName(ByteBuffer b, int at) {
        byte[] bytes = new byte[16];
        b.get(at, bytes);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.US_ASCII);
    }

    /** Encodes a name as char[16], NUL-padded. */
    public static void encodeName(ByteBuffer b, int at, String name) {
        byte[] bytes = new byte[16];
        byte[] src = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(src, 0, bytes, 0, Math.min(src.length, 15));
        b.put(at, bytes);
    }

    @Override
    public Map<String, Object> decodeToMap(ByteBuffer buffer, int offset) {
        Player p = decode(buffer, offset);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("hp", p.hp());
        m.put("speed", p.speed());
        m.put("name", p.name());
        m.put("score", p.score());
        m.put("level", p.level());
        m.put("flags", p.flags());
        return m;
    }

    @Override
    public void encode(Player v, ByteBuffer b, int o) {
        b.putInt(o, v.id()).putInt(o + 4, v.hp()).putDouble(o + 8, v.speed());
        encodeName(b, o + 16, v.name());
        b.putLong(o + 32, v.score()).putInt(o + 640, v.level()).putInt(o + 644, v.flags());
    }

    @Override
    public RemoteView<Player> view(RemoteProcess process, long address) {
        return new PlayerView(process, address);
    }
}
