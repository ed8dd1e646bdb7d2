/*
 * A Kafka-protocol test broker: librdkafka's mock cluster, bound to 127.0.0.1 on ephemeral ports.
 * Prints "bootstrap <host:port,...>" on stdout, then serves until stdin closes, so the cluster dies with the
 * test process that spawned it (no orphaned brokers). Reads commands from stdin, one per line:
 *   topic <name> <partitions>   create a topic with an exact partition count (the mock has no CreateTopics)
 * and answers each with "ok" or "error <message>".
 * Build: cc -o mock-broker mock-broker.c -lrdkafka
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int brokers = argc > 1 ? atoi(argv[1]) : 3;
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The mock cluster needs a client instance to live in; it is never used to produce. */
  if (rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "conf: %s\n", errstr);
    return 1;
  }
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == NULL) {
    fprintf(stderr, "rd_kafka_new: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (cluster == NULL) {
    fprintf(stderr, "rd_kafka_mock_cluster_new failed\n");
    return 1;
  }
  printf("bootstrap %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  char line[1024];
  while (fgets(line, sizeof line, stdin) != NULL) {
    char name[512];
    int partitions = 0;
    if (sscanf(line, "topic %511s %d", name, &partitions) == 2 && partitions > 0) {
      rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, name, partitions, 1);
      if (err) printf("error %s\n", rd_kafka_err2str(err));
      else printf("ok\n");
    } else {
      printf("error unknown command\n");
    }
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
