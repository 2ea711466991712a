/**
 * API: the address registry. A target process publishes where its structs live in a small text
 * file ({@code docs/registry-format.md}); a reader loads it safely, proves the file still describes
 * the live process it names, checks each entry's layout fingerprint and memory mapping, and binds
 * typed views. Public classes are API; package-private ones are internal.
 */
package org.remotestruct.registry;
