// Signing in, signing up with the emailed code, and resetting a forgotten password (all through /v1/auth).
import {h, fill, field, form, input} from '../dom.js';
import {call, session, describe, enc} from '../api.js';
import {go, notice} from '../app.js';

const email = value => input({type: 'email', name: 'email', autocomplete: 'email', required: true, value: value || ''});
const password = (name, autocomplete) => input({type: 'password', name, autocomplete, required: true});

export function signIn(view) {
  const unverified = h('p', {hidden: true});
  fill(view,
       h('h1', {}, 'Sign in'),
       form({class: 'card narrow', 'data-test': 'sign-in'}, [
         field('Email', email()),
         field('Password', password('password', 'current-password')),
         unverified,
       ], 'Sign in', async f => {
         try {
           const answer = await call('POST', '/v1/auth/login',
                                     {email: f.email.value, password: f.password.value}, {auth: false});
           session.set(answer.token);
           session.user = answer.user;
           go('#/projects');
         } catch (e) {
           if (e.status === 403) {
             fill(unverified, 'Your email is not verified yet: ',
                  h('a', {href: '#/verify?email=' + enc(f.email.value)}, 'enter the code we emailed you'), '.');
             unverified.hidden = false;
           }
           throw e;
         }
       }, describe),
       h('p', {}, h('a', {href: '#/signup'}, 'Create an account'), ' · ',
         h('a', {href: '#/reset'}, 'Forgot your password?')));
}

export function signUp(view) {
  fill(view,
       h('h1', {}, 'Create an account'),
       form({class: 'card narrow', 'data-test': 'sign-up'}, [
         field('Email', email()),
         field('Password', password('password', 'new-password'), 'At least 8 characters, not a common password.'),
       ], 'Create account', async f => {
         await call('POST', '/v1/auth/register', {email: f.email.value, password: f.password.value}, {auth: false});
         notice('Account created: we emailed you a verification code.');
         go('#/verify?email=' + enc(f.email.value));
       }, describe),
       h('p', {}, 'Already have an account? ', h('a', {href: '#/signin'}, 'Sign in')));
}

export function verify(view, params) {
  const resend = h('button', {type: 'button', class: 'link'}, 'Send a new code');
  const f = form({class: 'card narrow', 'data-test': 'verify'}, [
    field('Email', email(params.get('email'))),
    field('Verification code', input({name: 'code', autocomplete: 'one-time-code', required: true, inputmode: 'numeric'})),
  ], 'Verify email', async form => {
    await call('POST', '/v1/auth/verify-email', {email: form.email.value, code: form.code.value}, {auth: false});
    notice('Email verified: you can sign in now.');
    go('#/signin');
  }, describe);
  resend.addEventListener('click', async () => {
    try {
      const answer = await call('GET', '/v1/auth/verify-email?email=' + enc(f.email.value), undefined, {auth: false});
      notice(answer.message);
    } catch (e) {
      notice(describe(e));
    }
  });
  fill(view, h('h1', {}, 'Verify your email'),
       h('p', {}, 'We emailed a code to your address. Enter it here.'), f, h('p', {}, resend));
}

export function reset(view, params) {
  const step2 = form({class: 'card narrow', 'data-test': 'reset'}, [
    field('Email', email(params.get('email'))),
    field('Reset code', input({name: 'code', autocomplete: 'one-time-code', required: true})),
    field('New password', password('new_password', 'new-password')),
  ], 'Set new password', async f => {
    await call('POST', '/v1/auth/password-reset/reset',
               {email: f.email.value, code: f.code.value, new_password: f.new_password.value}, {auth: false});
    notice('Password changed: sign in with the new one.');
    go('#/signin');
  }, describe);
  const step1 = form({class: 'card narrow', 'data-test': 'reset-trigger'}, [field('Email', email(params.get('email')))],
                     'Email me a code', async f => {
    const answer = await call('POST', '/v1/auth/password-reset/trigger', {email: f.email.value}, {auth: false});
    step2.email.value = f.email.value;
    notice(answer.message);
    step2.code.focus();
  }, describe);
  fill(view, h('h1', {}, 'Reset your password'),
       h('h2', {}, '1. Get a code'), step1, h('h2', {}, '2. Choose a new password'), step2,
       h('p', {}, h('a', {href: '#/signin'}, 'Back to sign in')));
}
