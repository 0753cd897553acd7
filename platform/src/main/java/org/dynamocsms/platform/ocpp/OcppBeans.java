package org.dynamocsms.platform.ocpp;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The OCPP schemas, loaded once for every service of the process that checks payloads. */
public class OcppBeans {

    @Produces
    @Singleton
    PayloadSchemas payloadSchemas() {
        return new PayloadSchemas();
    }

    @Produces
    @Singleton
    CentralSystemCalls centralSystemCalls(PayloadSchemas ocpp16) {
        return new CentralSystemCalls(ocpp16, new PayloadSchemas(OcppVersion.OCPP201));
    }
}
