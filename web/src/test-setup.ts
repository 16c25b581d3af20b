import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Each test renders into a fresh document.
afterEach(() => cleanup());

// `findBy…` waits up to 5 s, not 1 s: the web tests run beside the cluster tests on 2 cores,
// where a render after a socket message has been seen to take just over a second.
configure({ asyncUtilTimeout: 5000 });
