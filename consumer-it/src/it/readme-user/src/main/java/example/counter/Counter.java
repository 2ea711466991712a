package example.counter;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/** {@code struct counter} of counter_target.c, which includes the header generated from this record. */
@RemoteStruct(name = "counter")
public record Counter(
        @Field(type = CType.UINT32) long id,
        @Field(type = CType.INT64, writable = true) long hits,
        @Field(type = CType.CHAR, length = 12) String label,
        @Field(type = CType.BOOL) boolean open) {
}
