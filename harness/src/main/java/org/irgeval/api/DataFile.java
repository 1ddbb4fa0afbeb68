package org.irgeval.api;

/**
 * An official data file a prompt set was read from.
 *
 * @param path   path relative to the data directory, with '/' separators
 * @param sha256 hex SHA-256 of the file's bytes
 * @param bytes  file size
 */
public record DataFile(String path, String sha256, long bytes) {}
