/**
 * API: attach to a process, read and write its structs through generated views, batch many reads
 * (or many field writes) into one syscall, and the exceptions every failure becomes.
 */
package org.remotestruct;
