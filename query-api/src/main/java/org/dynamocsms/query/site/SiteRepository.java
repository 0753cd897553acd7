package org.dynamocsms.query.site;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

import org.dynamocsms.platform.site.SiteJson;

/**
 * The pages of an organisation's live sites; deleted sites and other organisations' sites are never returned. Each
 * page selects the sites as the API shows them ({@link SiteJson}, a DTO projection): no entity is loaded or tracked.
 * One site is read by {@link SiteViewStore#read}, in one statement with its read-your-writes check.
 */
@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {

    private static final String LIVE = "organisationId = :org and deletedAt is null";

    /** One page of live sites, oldest first ({@code site_id} breaks ties so pages never overlap). */
    public List<SiteJson> page(String organisationId, int limit, int offset) {
        return find("from Site where " + LIVE + " order by createdAt, siteId", Parameters.with("org", organisationId))
                .project(SiteJson.class)
                .range(offset, (int) Math.min(Integer.MAX_VALUE, (long) offset + limit - 1))
                .list();
    }

    /** As a query of its own, whose plan Hibernate keeps: Panache's count derives a new one for every call. */
    public long countLive(String organisationId) {
        return getEntityManager().createQuery("select count(*) from Site where " + LIVE, Long.class)
                .setParameter("org", organisationId)
                .getSingleResult();
    }
}
