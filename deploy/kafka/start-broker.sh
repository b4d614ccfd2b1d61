#!/usr/bin/env bash
# Entry point of the kafka container in docker-compose.yml: renders the broker's configuration with the passwords
# from the environment, formats the log directory once (with the admin's SCRAM credential: KRaft has no other way
# to create the first user), then runs the broker. Also writes /tmp/admin-client.properties for the healthcheck.
set -euo pipefail
: "${CLUSTER_ID:?}" "${DATAOPS_KAFKA_ADMIN_PASSWORD:?}" "${DATAOPS_KAFKA_CONTROLLER_PASSWORD:?}"

umask 077
config=/tmp/server.properties
cp /etc/dataops/kafka/server.properties "$config"
cat >>"$config" <<PROPERTIES
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \
  username="dataops-controller" password="${DATAOPS_KAFKA_CONTROLLER_PASSWORD}" \
  user_dataops-controller="${DATAOPS_KAFKA_CONTROLLER_PASSWORD}";
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \
  username="dataops-admin" password="${DATAOPS_KAFKA_ADMIN_PASSWORD}";
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
PROPERTIES

cat >/tmp/admin-client.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="dataops-admin" password="${DATAOPS_KAFKA_ADMIN_PASSWORD}";
PROPERTIES

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$config" \
  --add-scram "SCRAM-SHA-512=[name=dataops-admin,password=${DATAOPS_KAFKA_ADMIN_PASSWORD}]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
