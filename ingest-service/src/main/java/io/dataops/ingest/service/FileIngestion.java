package io.dataops.ingest.service;

import io.dataops.ingest.config.IngestConfig;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.ingest.parsing.FileFormat;
import io.dataops.ingest.repository.DataFile;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.status.FileStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/** Accepts an uploaded file: checks it, moves it into storage under a generated name, records DATA_FILES. */
@ApplicationScoped
public class FileIngestion {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final IngestConfig config;
    private final PipelineEventPublisher events;

    public FileIngestion(IngestConfig config, PipelineEventPublisher events) {
        this.config = config;
        this.events = events;
    }

    /**
     * @param upload the temporary file the HTTP layer streamed the body into; moved, never read into memory
     */
    public DataFile accept(Path upload, String originalName, String contentType, long uploadedBy) {
        String name = FileNames.sanitize(originalName);
        FileFormat format = FileFormat.detect(name, contentType);
        long size = sizeOf(upload);
        if (size == 0) {
            throw new ProblemException(ErrorCode.EMPTY_FILE, "'" + name + "' has no content");
        }
        if (size > config.maxFileSize()) {
            throw new ProblemException(ErrorCode.FILE_TOO_LARGE,
                    "'" + name + "' has " + size + " bytes; the limit is " + config.maxFileSize());
        }
        Instant now = Instant.now();
        String storedName = STAMP.format(now) + "_" + UUID.randomUUID().toString().substring(0, 8) + "_" + name;
        Path stored = config.storageDir().resolve(storedName);
        String sha256 = moveAndDigest(upload, stored);
        DataFile file;
        try {
            file = record(storedName, name, format, size, sha256, uploadedBy, now);
        } catch (RuntimeException e) {
            deleteQuietly(stored);
            throw e;
        }
        events.publish(new PipelineEvent.FileUploaded(file.id, file.originalName, file.fileType, file.fileSize,
                uploadedBy, file.uploadedAt));
        return file;
    }

    @Transactional
    DataFile record(String storedName, String name, FileFormat format, long size, String sha256, long uploadedBy,
                    Instant now) {
        DataFile file = new DataFile();
        file.filename = storedName;
        file.originalName = name;
        file.fileType = format.fileType();
        file.fileSize = size;
        file.sha256 = sha256;
        file.status = FileStatus.UPLOADED;
        file.uploadedBy = uploadedBy;
        file.uploadedAt = now;
        file.persist();
        return file;
    }

    public Path contentOf(DataFile file) {
        return config.storageDir().resolve(file.filename);
    }

    private static long sizeOf(Path upload) {
        try {
            return Files.size(upload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String moveAndDigest(Path upload, Path stored) {
        try {
            Files.createDirectories(stored.getParent());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(upload), digest)) {
                Files.copy(in, stored, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(upload);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the row was not written; a stray file is harmless and is named for its upload time
        }
    }
}
