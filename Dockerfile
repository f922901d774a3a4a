# syntax=docker/dockerfile:1
# The service image: `docker build -t smap-analytics .` (the last stage, `service`), and the
# simulated crawler for compose (`--target crawler`). Settings come from the environment (the
# README's configuration table); the image runs `consume` unless given another command.

# Build both jars with the Maven wrapper; the tests run in CI, not in the image build.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true

# The simulated crawler (the demo jar's `crawler` command): uploads batches and publishes events.
FROM eclipse-temurin:25-jre AS crawler
RUN useradd --system --uid 10001 --no-create-home smap
COPY --from=build /src/demo/target/smap-analytics-demo.jar /app/smap-analytics-demo.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/smap-analytics-demo.jar"]
CMD ["crawler"]

# The production image: the lean jar (no demo, no embedded servers), as a non-root user.
FROM eclipse-temurin:25-jre AS service
RUN useradd --system --uid 10001 --no-create-home smap
COPY --from=build /src/bootstrap/target/smap-analytics.jar /app/smap-analytics.jar
USER 10001
ENV HTTP_PORT=8080 \
    LOG_FORMAT=json
EXPOSE 8080
# curl is part of the Temurin base image.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${HTTP_PORT}/healthz" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/smap-analytics.jar"]
CMD ["consume"]
