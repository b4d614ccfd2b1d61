package io.dataops.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A row of USERS. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    public String email;
    public String passwordHash;
    public String role;
    public int isActive;
    public Instant createdAt;
    public Instant updatedAt;

    public static Optional<User> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public boolean active() {
        return isActive == 1;
    }
}
