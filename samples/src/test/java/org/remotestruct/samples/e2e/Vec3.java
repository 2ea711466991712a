package org.remotestruct.samples.e2e;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/** A nested struct of {@link AllTypes}; {@code struct e2e_vec3} in e2e_target.c, from the generated header. */
@RemoteStruct(size = 12, name = "e2e_vec3")
public record Vec3(
        @Field(offset = 0, type = CType.FLOAT, writable = true) float x,
        @Field(offset = 4, type = CType.FLOAT, writable = true) float y,
        @Field(offset = 8, type = CType.FLOAT, writable = true) float z) {
}
