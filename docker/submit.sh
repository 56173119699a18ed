#!/bin/sh
# Submits the job to the session cluster, once: resumes from the latest retained checkpoint or savepoint on the
# flink-data volume when there is one (a `docker compose up` after `down`, a restart of this service), else starts
# fresh, which recomputes every table from the earliest offsets of the topics. Does nothing while a job runs.
#   FLINK_REST   the JobManager's REST address (default http://jobmanager:8081)
#   FLINK_DATA   the volume with checkpoints/ and savepoints/ (default /flink-data)
#   TASKMANAGERS how many TaskManagers to wait for (default 2)
# The job's arguments follow this script's name.
set -eu
rest=${FLINK_REST:-http://jobmanager:8081}
data=${FLINK_DATA:-/flink-data}
want=${TASKMANAGERS:-2}

until curl -sf "$rest/overview" | grep -q "\"taskmanagers\":$want"; do
  echo "submit: waiting for $want TaskManagers at $rest"
  sleep 2
done
if curl -sf "$rest/jobs/overview" | grep -q '"state":"\(RUNNING\|RESTARTING\|CREATED\|INITIALIZING\)"'; then
  echo "submit: a job runs already; nothing to do"
  exit 0
fi

# the newest complete checkpoint (chk-N with its _metadata) or savepoint
latest=""
newest=0
for metadata in "$data"/checkpoints/*/chk-*/_metadata "$data"/savepoints/*/_metadata; do
  [ -f "$metadata" ] || continue
  at=$(stat -c %Y "$metadata")
  if [ "$at" -ge "$newest" ]; then
    newest=$at
    latest=$(dirname "$metadata")
  fi
done

if [ -n "$latest" ]; then
  echo "submit: resuming from $latest"
  exec flink run -d -m "${rest#http://}" -s "$latest" /jars/beizeng-job.jar "$@"
fi
echo "submit: no retained checkpoint or savepoint; starting fresh (every table recomputed from the earliest offsets)"
exec flink run -d -m "${rest#http://}" /jars/beizeng-job.jar "$@"
