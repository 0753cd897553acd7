package org.dynamocsms.query.site;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.dynamocsms.platform.site.SiteJson;

/**
 * A row of the site read store. Only read through Hibernate, as {@link SiteJson} ({@link SiteRepository}): rows are
 * written by {@link SiteViewStore}'s version-guarded upserts, never by the entity manager.
 */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

    @Id
    @Column(name = "site_id")
    public String siteId;

    @Column(name = "organisation_id")
    public String organisationId;

    public String name;

    public String address;

    /** Boxed, as {@link SiteJson} has it, so that reads can select into it. */
    @Column(name = "max_power_kw")
    public Double maxPowerKw;

    public Double lat;

    public Double lng;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Null while the site is live. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public long version;

    @Column(name = "charger_count")
    public int chargerCount;
}
