/** Internal: the only native binding (libc via JNA direct mapping), iovec arrays, errno mapping. */
package org.remotestruct.internal;
