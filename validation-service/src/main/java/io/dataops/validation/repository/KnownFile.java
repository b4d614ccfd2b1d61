package io.dataops.validation.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A file ingest-service announced (FileUploaded): lets the errors API tell "no errors" from "no such file". */
@Entity
@Table(name = "known_files")
public class KnownFile extends PanacheEntityBase {
    @Id
    public long fileId;
    public String originalName;
    public Instant uploadedAt;
}
