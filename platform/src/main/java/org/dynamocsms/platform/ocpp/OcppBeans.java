package org.dynamocsms.platform.ocpp;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The OCPP 1.6 schemas, loaded once for every service of the process that checks payloads. */
public class OcppBeans {

    @Produces
    @Singleton
    PayloadSchemas payloadSchemas() {
        return new PayloadSchemas();
    }
}
