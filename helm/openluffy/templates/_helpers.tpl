{{/* The chart's name in labels: nameOverride, or the chart's own name. */}}
{{- define "openluffy.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name of the operator's objects: fullnameOverride, else the release name, unless it lacks the chart name. */}}
{{- define "openluffy.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "openluffy.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "openluffy.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "openluffy.operatorName" -}}
{{- printf "%s-operator" (include "openluffy.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "openluffy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "openluffy.operatorName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "openluffy.selectorLabels" -}}
app.kubernetes.io/name: {{ include "openluffy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "openluffy.labels" -}}
{{ include "openluffy.selectorLabels" . }}
app.kubernetes.io/part-of: openluffy
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "openluffy.image" -}}
{{- printf "%s:%s" .Values.operator.image.repository (default .Chart.AppVersion .Values.operator.image.tag) -}}
{{- end -}}

{{/* Leader election is forced on with several replicas: without it they would all reconcile. */}}
{{- define "openluffy.leaderElection" -}}
{{- if or .Values.operator.leaderElection.enabled (gt (int .Values.operator.replicas) 1) -}}
true
{{- else -}}
false
{{- end -}}
{{- end -}}
