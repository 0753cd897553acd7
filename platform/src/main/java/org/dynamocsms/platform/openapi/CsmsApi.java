package org.dynamocsms.platform.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's frame shared by every service: its title and the bearer API key every call needs. */
@OpenAPIDefinition(
        info = @Info(title = "Dynamo CSMS API", version = "0.1.0",
                description = "Sites of a charge point operator. Every call needs `Authorization: Bearer <api key>`;"
                        + " the key decides the organisation."),
        security = @SecurityRequirement(name = CsmsApi.API_KEY),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = CsmsApi.API_KEY,
                type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An API key of your organisation.")))
public class CsmsApi extends Application {

    public static final String API_KEY = "api_key";
}
