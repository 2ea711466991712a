package org.remotestruct.testsupport;

import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructType;
import org.remotestruct.spi.FieldWriter;
import org.remotestruct.spi.ViewSupport;

/** A hand-written view of {@link Player} that uses the spi exactly as generated views do. */
public final class PlayerView implements RemoteView<Player> {

    private final ViewSupport support;

    /** The view of the player at {@code address} in {@code process}. */
    public PlayerView(RemoteProcess process, long address) {
        this.support = new ViewSupport(process, address, PlayerType.LAYOUT);
    }

    @Override
    public Player read() {
        return PlayerType.TYPE.decode(support.readStruct(), 0);
    }

    /** Reads hp alone. */
    public int readHp() {
        return support.readField(PlayerType.HP).getInt(4);
    }

    /** Reads name alone. */
    public String readName() {
        return PlayerType.decodeName(support.readField(PlayerType.NAME), 16);
    }

    /** Writes hp alone. */
    public void writeHp(int hp) {
        FieldWriter w = writer();
        w.buffer().putInt(4, hp);
        w.mark(PlayerType.HP).apply();
    }

    /** The support, for tests that drive the spi directly. */
    public ViewSupport support() {
        return support;
    }

    /** This view's reusable writer, the one {@link #writeHp} uses. */
    public FieldWriter writer() {
        return support.fieldWriter();
    }

    @Override
    public RemoteProcess process() {
        return support.process();
    }

    @Override
    public long address() {
        return support.address();
    }

    @Override
    public StructType<Player> type() {
        return PlayerType.TYPE;
    }
}
