// The final stage's FROM line: what a Docker build takes for an instruction, not any line that starts with FROM.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finalStageLine } from './dockerfile-stage.js';

describe('finalStageLine', () => {
  it('finds the last FROM of a multi-stage build, in any case and after indentation', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'RUN go build -o /out/agent ./cmd/agent',
      '',
      '  from debian:11-slim',
      'COPY --from=build /out/agent /usr/bin/agent',
    ].join('\n');
    assert.equal(finalStageLine(text), 6);
  });

  it('does not take a FROM that continues another instruction, a comment or a here-document line', () => {
    const text = [
      'FROM debian:11 AS base', // 1
      'RUN echo \\', // 2
      'FROM not-an-instruction', // 3: continues RUN
      '# FROM commented-out', // 4
      'RUN <<EOF', // 5
      'FROM inside-a-heredoc', // 6
      'EOF', // 7
      'COPY <<-"END" /etc/motd', // 8
      '\tFROM also-inside', // 9
      '\tEND', // 10
      'LABEL a=b', // 11
    ].join('\n');
    assert.equal(finalStageLine(text), 1);
  });

  it('counts a FROM split over lines at the line it starts on, past comments inside the continuation', () => {
    const text = ['FROM a AS one', 'FROM \\', '# the base', '  debian:11 \\  ', '  AS final'].join(
      '\r\n',
    );
    assert.equal(finalStageLine(text), 2);
  });

  it('follows the escape parser directive', () => {
    const text = [
      '# escape=`',
      '',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN dir c:\\ `',
      '    FROM not-an-instruction',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022',
    ].join('\n');
    assert.equal(finalStageLine(text), 6);
    // Without the directive, a backslash ending `RUN dir c:\` continues the line.
    assert.equal(finalStageLine(['FROM a', 'RUN dir c:\\', 'FROM b'].join('\n')), 1);
  });

  it('is undefined when there is no FROM at all', () => {
    assert.equal(finalStageLine(''), undefined);
    assert.equal(finalStageLine('# just a comment\nRUN true\n'), undefined);
  });
});
